import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// `npm start` serves the production build. It builds when there is none, or when the sources
// changed since the last build (a fingerprint of their names, sizes and modification times).

const ROOT = process.cwd();
const SOURCES = ['app', 'components', 'lib', 'public', 'prisma/schema.prisma', 'instrumentation.ts', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];
const SKIP = new Set(['generated', 'node_modules']);
const FINGERPRINT_FILE = path.join(ROOT, '.next', 'source-fingerprint');

function walk(entry: string, out: string[]) {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    for (const name of readdirSync(entry).sort()) if (!SKIP.has(name)) walk(path.join(entry, name), out);
  } else if (!/\.test\.tsx?$/.test(entry)) {
    out.push(`${path.relative(ROOT, entry)}:${stat.size}:${stat.mtimeMs}`);
  }
}

function sourceFingerprint(): string {
  const lines: string[] = [];
  for (const source of SOURCES) walk(path.join(ROOT, source), lines);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export function binPath(pkg: string, bin: string): string {
  return path.join(ROOT, 'node_modules', pkg, bin);
}

/** Builds the app unless an up-to-date build exists. Throws if the build fails. */
export function ensureBuild(): void {
  const fingerprint = sourceFingerprint();
  const built = existsSync(path.join(ROOT, '.next', 'BUILD_ID')) && existsSync(FINGERPRINT_FILE);
  if (built && readFileSync(FINGERPRINT_FILE, 'utf8') === fingerprint) return;
  console.log('Đang biên dịch ứng dụng (building the application)...');
  for (const [pkg, bin, args] of [
    ['prisma', 'build/index.js', ['generate']],
    ['next', 'dist/bin/next', ['build']],
  ] as const) {
    const result = spawnSync(process.execPath, [binPath(pkg, bin), ...args], { stdio: 'inherit', env: process.env });
    if (result.status !== 0) throw new Error(`${pkg} ${args.join(' ')} failed`);
  }
  writeFileSync(FINGERPRINT_FILE, fingerprint);
}
