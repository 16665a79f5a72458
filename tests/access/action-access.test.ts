import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { ACTION_MANIFEST } from '@/lib/api/manifest';
import type { Actor } from '@/lib/auth/actor';
import { can, ROLES } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';

// Server actions are public endpoints too. Each one is declared with the permission its service
// requires; here every action runs for every role lacking it and must be refused (FORBIDDEN) before
// anything else happens. Next's request-bound helpers are replaced by stand-ins: the actor comes
// from the test instead of the session cookie.

let current: Actor;
vi.mock('@/lib/api/action', () => ({
  runAction: async (body: (actor: Actor) => Promise<string | void>) => {
    try {
      return { ok: true, message: (await body(current)) ?? undefined };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.messageKey, fields: {} } };
      throw error;
    }
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', () => ({ redirect: () => undefined }));
vi.mock('next-intl/server', () => ({ getTranslations: async () => Object.assign((key: string) => key, { has: () => true }) }));

useTestDatabase();

function actionFiles(dir = 'app'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? actionFiles(file) : name === 'actions.ts' && readFileSync(file, 'utf8').startsWith("'use server'") ? [file] : [];
  });
}

const actors = new Map<string, Actor>();
beforeAll(async () => {
  const tree = await createOrgTree();
  for (const role of ROLES) actors.set(role, await actorFor(role, role === 'COMMUNE_OFFICER' ? tree.communes[0]! : role === 'DISTRICT_LEADER' || role === 'BANK_LIAISON' ? tree.districts[0]! : tree.province));
});

describe('server actions', () => {
  it('are all declared with their permission, and every declaration names an action', async () => {
    const found: string[] = [];
    for (const file of actionFiles()) {
      const module = (await import(`@/${file.replace(/\.ts$/, '')}`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) if (typeof value === 'function') found.push(`${file.split(path.sep).join('/')}#${name}`);
    }
    const declared = ACTION_MANIFEST.map((a) => `${a.file}#${a.name}`);
    expect(found.filter((f) => !declared.includes(f))).toEqual([]);
    expect(declared.filter((d) => !found.includes(d))).toEqual([]);
  });

  it('refuse every role lacking the permission, before reading anything', async () => {
    const wrong: string[] = [];
    for (const declaration of ACTION_MANIFEST.filter((a) => a.access !== 'locale' && a.access !== 'self')) {
      const action = ((await import(`@/${declaration.file.replace(/\.ts$/, '')}`)) as Record<string, (state: null, form: FormData) => Promise<{ ok: boolean; error?: { code: string } }>>)[declaration.name]!;
      for (const role of ROLES.filter((r) => !can(r, declaration.access as never))) {
        current = actors.get(role)!;
        const result = await action(null, new FormData());
        if (result.ok || result.error?.code !== 'FORBIDDEN') wrong.push(`${role} ${declaration.name} → ${result.ok ? 'ok' : result.error?.code}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
