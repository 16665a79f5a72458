import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { postgresExecutor } from '@/lib/db/sql-executor';

// With DATABASE_URL set, service tests run on that PostgreSQL server: this migrates one template
// database per run, and each test file then gets its own copy (CREATE DATABASE ... TEMPLATE).

declare module 'vitest' {
  export interface ProvidedContext {
    postgresTemplate: string | null;
  }
}

export function databaseUrlWithName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide('postgresTemplate', null);
    return;
  }
  const template = `vt_tmpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  const executor = await postgresExecutor(databaseUrlWithName(url, template));
  await applyMigrations(executor);
  await executor.close();
  project.provide('postgresTemplate', template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.end();
  };
}
