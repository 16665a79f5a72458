import { performance } from 'node:perf_hooks';
import { loadActor } from '@/lib/auth/load-actor';
import { closeDb, db } from '@/lib/db';
import { listMembers } from '@/lib/members';
import { unitDashboard } from '@/lib/reports/dashboard';

const RUNS = Number(process.argv[2] ?? 10);
const which = process.argv[3] ?? "commune,province,search";
async function time(name: string, fn: () => Promise<unknown>) {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) { const s = performance.now(); await fn(); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log(`${name}: median ${Math.round(t[Math.floor(t.length / 2)]!)} ms, max ${Math.round(t.at(-1)!)} ms`);
}
async function main() {
  const central = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'tw.lanhdao' } })).id))!;
  const province = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'tinh' } })).id))!;
  const commune = await db.orgUnit.findFirstOrThrow({ where: { code: 'GX01-C001' } });
  if (which.includes('commune')) await time('commune dashboard', () => unitDashboard(central, { orgUnitId: commune.id }));
  if (which.includes('province')) await time('province dashboard', () => unitDashboard(province));
  if (which.includes('search')) {
    await time('search province', () => listMembers(province, { q: 'nguyen thi hoa' }));
    await time('search country', () => listMembers(central, { q: 'nguyen thi hoa' }));
  }
  if (which.includes('central')) await time('central dashboard', () => unitDashboard(central));
  await closeDb();
  
}
void main();
