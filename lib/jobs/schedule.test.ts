import { describe, expect, it } from 'vitest';
import { catalogues } from '@/lib/i18n/messages';
import { JOBS, RESULT_KEYS } from './definitions';
import { describeSchedule, latestSlot, nextSlot } from './schedule';
import { schedulerEnabled, tickSeconds } from './scheduler';

describe('job schedules (Vietnam time)', () => {
  const refresh = '5 0 * * *';
  it('the slot of an instant is the latest 00:05 at or before it, in Asia/Ho_Chi_Minh', () => {
    expect(latestSlot(refresh, new Date('2027-01-01T00:04:59.999+07:00'))).toEqual(new Date('2026-12-31T00:05:00+07:00'));
    expect(latestSlot(refresh, new Date('2027-01-01T00:05:00+07:00'))).toEqual(new Date('2027-01-01T00:05:00+07:00'));
    expect(latestSlot(refresh, new Date('2027-01-01T23:59:00+07:00'))).toEqual(new Date('2027-01-01T00:05:00+07:00'));
    expect(nextSlot(refresh, new Date('2027-01-01T00:05:00+07:00'))).toEqual(new Date('2027-01-02T00:05:00+07:00'));
  });

  it('reads a daily pattern in words, anything else as the pattern', () => {
    expect(describeSchedule('5 0 * * *')).toEqual({ kind: 'daily', time: '00:05' });
    expect(describeSchedule('30 14 * * *')).toEqual({ kind: 'daily', time: '14:30' });
    expect(describeSchedule('0 */6 * * *')).toEqual({ kind: 'cron', pattern: '0 */6 * * *' });
  });

  it('every job and every result it reports has its words in both languages', () => {
    for (const catalogue of Object.values(catalogues)) {
      const jobs = catalogue.jobs.jobs as Record<string, { title?: string; description?: string }>;
      for (const job of JOBS) expect(jobs[job.key], job.name).toMatchObject({ title: expect.any(String), description: expect.any(String) });
      for (const key of RESULT_KEYS) expect((catalogue.jobs.results as Record<string, string>)[key], key).toEqual(expect.any(String));
    }
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
  });
});

describe('scheduler settings', () => {
  it('ticks every minute unless SCHEDULER_TICK_SECONDS says otherwise, and refuses nonsense', () => {
    expect(tickSeconds({})).toBe(60);
    expect(tickSeconds({ SCHEDULER_TICK_SECONDS: '2' })).toBe(2);
    expect(() => tickSeconds({ SCHEDULER_TICK_SECONDS: '0.5' })).toThrow(/SCHEDULER_TICK_SECONDS/);
    expect(() => tickSeconds({ SCHEDULER_TICK_SECONDS: 'fast' })).toThrow(/SCHEDULER_TICK_SECONDS/);
  });

  it('is on unless SCHEDULER=off', () => {
    expect(schedulerEnabled({})).toBe(true);
    expect(schedulerEnabled({ SCHEDULER: 'off' })).toBe(false);
    expect(schedulerEnabled({ SCHEDULER: 'OFF ' })).toBe(false);
  });
});
