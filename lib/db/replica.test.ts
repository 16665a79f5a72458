import { afterAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { summaryReport } from '@/lib/reports';
import { closeDb } from './client';
import { replicaDatabaseUrl } from './config';
import { forgetReplicaStatus, parseLsn, readDb, replicaLagSeconds, type ReplicaProbe } from './replica';

// How far a streaming replica is behind, and where reports read when it cannot be used (decision
// 021). The replica itself is exercised in lib/reports/replica.test.ts (CI's PostgreSQL round).

useTestDatabase();

const lsn = (text: string) => parseLsn(text)!;
const probe = (over: Partial<ReplicaProbe>): ReplicaProbe => ({
  inRecovery: true, replayLsn: lsn('0/3000000'), receiveLsn: lsn('0/3000000'), sinceLastReplaySeconds: 5, primaryLsn: lsn('0/3000000'), ...over,
});
const NOW = Date.UTC(2026, 11, 7, 3, 0, 0);

describe('replica lag', () => {
  it('reads WAL positions as 64-bit numbers, across the 4 GB boundary', () => {
    expect(lsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(lsn('0/FFFFFFFF') < lsn('1/0')).toBe(true);
    expect(parseLsn(null)).toBeNull();
    expect(parseLsn('nonsense')).toBeNull();
  });

  it('is nothing when the replica has applied all the primary had written, however old its last replayed commit (an idle primary)', () => {
    expect(replicaLagSeconds(probe({ sinceLastReplaySeconds: 3 * 3600 }), [], NOW)).toBe(0);
    expect(replicaLagSeconds(probe({ replayLsn: lsn('0/3000100'), sinceLastReplaySeconds: 3 * 3600 }), [], NOW)).toBe(0);
  });

  it('is the time since the last replayed commit when the replica is behind and nothing better is known', () => {
    expect(replicaLagSeconds(probe({ primaryLsn: lsn('0/3500000'), sinceLastReplaySeconds: 42 }), [], NOW)).toBe(42);
  });

  it('after a quiet hour, is the time since an earlier look saw the primary at a position the replica has passed', () => {
    const behind = probe({ primaryLsn: lsn('0/3500000'), sinceLastReplaySeconds: 3600 });
    const samples = [
      { lsn: lsn('0/2F00000'), atMs: NOW - 10_000 },
      { lsn: lsn('0/3000000'), atMs: NOW - 2_000 }, // reached by the replay: all written until then is there
      { lsn: lsn('0/3400000'), atMs: NOW - 1_000 }, // not yet replayed: says nothing
    ];
    expect(replicaLagSeconds(behind, samples, NOW)).toBe(2);
  });

  it('is nothing for a server that is not a standby, and unknown when a standby has replayed nothing since it started', () => {
    expect(replicaLagSeconds(probe({ inRecovery: false, primaryLsn: lsn('9/0') }), [], NOW)).toBe(0);
    expect(replicaLagSeconds(probe({ primaryLsn: lsn('0/3500000'), sinceLastReplaySeconds: null }), [], NOW)).toBe(Infinity);
  });

  it('without the primary\'s position, compares what the replica applied with what it received', () => {
    expect(replicaLagSeconds(probe({ primaryLsn: null }), [], NOW)).toBe(0);
    expect(replicaLagSeconds(probe({ primaryLsn: null, receiveLsn: lsn('0/3100000'), sinceLastReplaySeconds: 7 }), [], NOW)).toBe(7);
  });

  it('ignores DATABASE_REPLICA_URL on the embedded database (no replicas there) and anything that is not a PostgreSQL URL', () => {
    const replica = 'postgresql://reader@replica:5432/hlv';
    const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
    expect(replicaDatabaseUrl(env({ DATABASE_REPLICA_URL: replica }))).toBeNull();
    expect(replicaDatabaseUrl(env({ DATABASE_URL: 'postgresql://app@primary/hlv', DATABASE_REPLICA_URL: 'replica:5432' }))).toBeNull();
    expect(replicaDatabaseUrl(env({ DATABASE_URL: 'postgresql://app@primary/hlv', DATABASE_REPLICA_URL: ` ${replica} ` }))).toBe(replica);
  });
});

describe.runIf(process.env.DATABASE_URL)('a replica that cannot be reached (PostgreSQL)', () => {
  const configured = process.env.DATABASE_REPLICA_URL;
  afterAll(async () => {
    if (configured === undefined) delete process.env.DATABASE_REPLICA_URL;
    await closeDb();
    forgetReplicaStatus();
  });

  it('leaves reports to the primary, current, and says so once in the server log', async () => {
    const tree = await createOrgTree();
    const province = await actorFor('PROVINCE_OFFICER', tree.province);
    const before = configured;
    process.env.DATABASE_REPLICA_URL = 'postgresql://postgres@127.0.0.1:1/nowhere';
    await closeDb();
    forgetReplicaStatus();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const reads = await readDb();
      expect(reads.source).toBe('primary');
      expect(reads.asOf).toBeNull();
      const report = await summaryReport(province, { from: '2026-01-01', to: '2026-06-30' });
      expect(report.asOf).toBeNull();
      expect(report.orgUnit.id).toBe(tree.province.id);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/Reports read the primary: the replica 127\.0\.0\.1:1\/nowhere cannot be reached/);
    } finally {
      warn.mockRestore();
      if (before === undefined) delete process.env.DATABASE_REPLICA_URL;
      else process.env.DATABASE_REPLICA_URL = before;
    }
  });
});
