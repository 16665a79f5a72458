import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { db } from '@/lib/db';
import { claimNext, lane, type QueueTable } from './queue';

// The job table as a queue (decision 026): workers of several server instances race for the same
// queued rows and each row goes to exactly one of them. On PostgreSQL the workers' claims really run
// at the same time on separate connections; on the embedded database they interleave.

useTestDatabase();

let userId: string;
beforeAll(async () => {
  const tree = await createOrgTree();
  userId = (await actorFor('DISTRICT_LEADER', tree.districts[0]!)).userId;
});

async function queue(table: QueueTable, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = table === 'ExportJob'
      ? await db.exportJob.create({ data: { kind: 'overdue', format: 'csv', params: {}, createdById: userId }, select: { id: true } })
      : await db.importJob.create({ data: { kind: 'members', locale: 'vi', fileName: `${i}.csv`, createdById: userId }, select: { id: true } });
    ids.push(row.id);
  }
  return ids;
}

/** A worker of one instance: claims until the queue is empty, recording every claim it got. */
async function worker(table: QueueTable, instance: string, claims: { id: string; by: string }[]) {
  for (let id = await claimNext(table, instance); id; id = await claimNext(table, instance)) claims.push({ id, by: instance });
}

describe('the job queue', () => {
  it.each(['ExportJob', 'ImportJob'] as const)('gives each queued %s to exactly one of several racing workers', async (table) => {
    const queued = await queue(table, 40);
    const claims: { id: string; by: string }[] = [];
    await Promise.all(['instance-a', 'instance-b', 'instance-c'].map((instance) => worker(table, instance, claims)));

    expect(claims).toHaveLength(queued.length); // none twice
    expect(new Set(claims.map((c) => c.id))).toEqual(new Set(queued)); // none left out
    const rows = table === 'ExportJob'
      ? await db.exportJob.findMany({ where: { id: { in: queued } }, select: { id: true, status: true, claimedBy: true, startedAt: true } })
      : await db.importJob.findMany({ where: { id: { in: queued } }, select: { id: true, status: true, claimedBy: true, startedAt: true } });
    const claimedBy = new Map(claims.map((c) => [c.id, c.by]));
    for (const row of rows) expect(row).toMatchObject({ status: 'RUNNING', claimedBy: claimedBy.get(row.id), startedAt: expect.any(Date) });
    expect(await claimNext(table, 'instance-d')).toBeNull();
  });

  it('runs one job at a time per lane, each once, and looks again when woken while it drains', async () => {
    const runs: string[] = [];
    let running = 0;
    let most = 0;
    const exports = lane('ExportJob', async (id) => {
      running += 1;
      most = Math.max(most, running);
      runs.push(id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await db.exportJob.update({ where: { id }, data: { status: 'DONE' } });
      running -= 1;
    });
    const first = await queue('ExportJob', 3);
    const draining = exports.drain();
    // Queued while the lane drains: the same drain takes it (no wait for the next poll).
    const later = await queue('ExportJob', 2);
    const woken = exports.drain();
    expect(woken).toBe(draining);
    await woken;
    expect(exports.busy).toBe(false);
    expect(runs.toSorted()).toEqual([...first, ...later].toSorted());
    expect(most).toBe(1);
    expect(await db.exportJob.count({ where: { id: { in: [...first, ...later] }, status: 'DONE' } })).toBe(5);
  });
});
