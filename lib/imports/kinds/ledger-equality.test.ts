import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ensureProgrammes, monthsAgo } from '@/tests/factories/loans';
import type { Actor } from '@/lib/auth/actor';
import { formatDateOnly, isoDate, parseDateOnly } from '@/lib/calendar/date-only';
import { db, type OrgUnit } from '@/lib/db';
import { getLoan, postRepayment } from '@/lib/loans';
import { addDays, addMonths } from '@/lib/loans/engine/dates';
import { payableOn } from '@/lib/loans/engine/ledger';
import { openSavingsAccount, postSavingsMovement } from '@/lib/savings';
import { postInTx } from '@/lib/savings/post-movement';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';
import { runImport } from '../run-import';
import { streamToBuffer } from '../web-stream';
import { writeCsv } from '../write-csv';
import type { TableSpec } from '../types';
import { LOAN_SPEC } from './loans-kind';
import { REPAYMENT_SPEC } from './repayments-kind';
import { SAVINGS_SPEC } from './savings-kind';
import { OPENING_NOTE } from './savings-replay';

// The imports write the ledger exactly as the single postings would: the same movements go into
// commune A by file and into commune B one by one through the services (postRepayment,
// postSavingsMovement), and every row, split, balance, cached figure and snapshot comes out equal.

useTestDatabase();

const LOANS = 6;
let tree: Awaited<ReturnType<typeof createOrgTree>>;
let province: Actor;
const side: Record<'A' | 'B', { commune: OrgUnit; officer: Actor; groupId: string; members: { id: string; code: string; nationalId: string }[] }> = {} as never;

const file = async (spec: TableSpec, rows: Record<string, string>[]) => ({ fileName: 'f.csv', data: await streamToBuffer(writeCsv(spec, rows)) });
const day = (text: string) => parseDateOnly(text)!;

beforeAll(async () => {
  tree = await createOrgTree();
  province = await actorFor('PROVINCE_OFFICER', tree.province);
  await ensureProgrammes();
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  for (const [name, commune] of [['A', tree.communes[0]!], ['B', tree.communes[1]!]] as const) {
    const group = await makeGroup(commune);
    const members = [];
    for (const [i, m] of (await addMembers(commune, group.id, LOANS)).entries()) {
      members.push(await db.member.update({ where: { id: m.id }, data: { code: `TV${i + 1}`, joinedAt: day(monthsAgo(24)) } }));
    }
    side[name] = { commune, officer: await actorFor('COMMUNE_OFFICER', commune), groupId: group.id, members: members.map((m) => ({ id: m.id, code: m.code!, nationalId: m.nationalId })) };
  }
  // The same loans in both communes (monthly, another rate, quarterly principal), brought in by file.
  const programmes = ['HN', 'HCN', 'GQVL'];
  for (const name of ['A', 'B'] as const) {
    const rows = side[name].members.map((m, i) => ({
      number: `${name}-${i + 1}`, communeCode: side[name].commune.code, nationalId: m.nationalId, programmeCode: programmes[i % 3]!,
      disbursedAt: formatDateOnly(day(monthsAgo(9 + (i % 3)))), amount: String(10_000_000 + i * 2_000_000), termMonths: '24', rate: '', frequency: '', purpose: 'Chăn nuôi',
    }));
    expect(await runImport(province, 'loans', await file(LOAN_SPEC, rows), { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: LOANS });
  }
});

/** Every figure of a commune's loans that a posting writes, in loan order (A-1 ~ B-1 …). */
async function loanFigures(name: 'A' | 'B') {
  const loans = await db.loan.findMany({
    where: { orgUnitId: side[name].commune.id },
    include: { transactions: { orderBy: [{ date: 'asc' }, { postedAt: 'asc' }, { amount: 'asc' }] } },
    orderBy: { number: 'asc' },
  });
  const spans = await db.loanSpan.findMany({ where: { loanId: { in: loans.map((l) => l.id) } } });
  return loans.map((l) => ({
    cached: { status: l.status, outstanding: l.cachedOutstanding, overdue: l.cachedOverdue, daysPastDue: l.cachedDaysPastDue, asOf: l.cachedAsOf },
    span: spans.filter((s) => s.loanId === l.id).map((s) => ({ openedOn: s.openedOn, closedOn: s.closedOn })),
    postings: l.transactions.map((t) => ({
      kind: t.kind, date: isoDate(t.date), amount: t.amount, principal: t.principal, interest: t.interest, overdueInterest: t.overdueInterest,
    })),
  }));
}

async function snapshots(name: 'A' | 'B') {
  const strip = <T extends { groupId?: string; orgUnitId: string }>(rows: T[]) => rows.map(({ groupId: _g, orgUnitId: _o, ...rest }) => rest);
  return {
    group: strip(await db.ledgerMonth.findMany({ where: { groupId: side[name].groupId }, orderBy: [{ programmeId: 'asc' }, { month: 'asc' }] })),
    commune: strip(await db.communeLedgerMonth.findMany({ where: { orgUnitId: side[name].commune.id }, orderBy: [{ programmeId: 'asc' }, { month: 'asc' }] })),
  };
}

describe('imports and single postings leave the same ledger', () => {
  it('repayments: by file (split given, principal only, amount only) as posted one by one, row for row', async () => {
    // Commune B: each loan paid four times, some late, some in part (overdue principal and
    // interest follow), some in full, one by one through the service.
    const loansB = await db.loan.findMany({ where: { orgUnitId: side.B.commune.id }, orderBy: { number: 'asc' } });
    for (const [i, loan] of loansB.entries()) {
      for (let k = 1; k <= 4; k++) {
        // Quarterly-principal loans (GQVL, every third) every two months: interest due between principals.
        const date = addDays(addMonths(loan.disbursedAt!, k * (i % 3 === 2 ? 2 : 1)), i % 3 === 1 ? 6 : 0);
        const { state } = await getLoan(side.B.officer, loan.id, date);
        const amount = k % 2 === 0 ? payableOn(state!) : (payableOn(state!) * 3n) / 4n;
        await postRepayment(side.B.officer, loan.id, { date: isoDate(date), amount: amount.toString() });
      }
    }
    // Commune A: the same payments in a file, each in one of the three forms a file may take (the
    // principal alone says the interest due was paid in full: a payment short of it goes by its amount).
    const posted = await db.loanTransaction.findMany({ where: { kind: 'REPAYMENT', loan: { orgUnitId: side.B.commune.id } }, include: { loan: true }, orderBy: [{ date: 'asc' }] });
    const rows = posted.map((t, j) => {
      const row = { number: t.loan.number.replace('B-', 'A-'), date: formatDateOnly(t.date), principal: '', interest: '', amount: '' };
      if (j % 3 === 0) return { ...row, principal: t.principal.toString(), interest: (t.interest + t.overdueInterest).toString() };
      if (j % 3 === 1 && t.principal > 0n) return { ...row, principal: t.principal.toString() };
      return { ...row, amount: t.amount.toString() };
    });
    // Each form is there: the split given, the principal alone, the amount alone.
    expect([rows.some((r) => r.interest), rows.some((r) => r.principal && !r.interest), rows.some((r) => r.amount)]).toEqual([true, true, true]);
    const result = await runImport(side.A.officer, 'repayments', await file(REPAYMENT_SPEC, rows), { dryRun: false, locale: 'vi' });
    expect(result).toMatchObject({ ok: true, created: posted.length });
    const sum = (f: (t: (typeof posted)[number]) => bigint) => posted.reduce((s, t) => s + f(t), 0n).toString();
    expect(result.summary).toEqual({
      principal: sum((t) => t.principal), interest: sum((t) => t.interest + t.overdueInterest), interestComputed: rows.filter((_, j) => j % 3 !== 0).length,
    });

    expect(await loanFigures('A')).toEqual(await loanFigures('B'));
    expect(await snapshots('A')).toEqual(await snapshots('B'));
    // Every posting is audited, with the same record as a single posting's.
    const imported = await db.loanTransaction.findMany({ where: { kind: 'REPAYMENT', loan: { orgUnitId: side.A.commune.id } }, select: { id: true } });
    expect(await db.auditLog.count({ where: { action: 'loan.repayment', entityId: { in: imported.map((t) => t.id) } } })).toBe(posted.length);
    // The same file again posts nothing.
    expect(await runImport(side.A.officer, 'repayments', await file(REPAYMENT_SPEC, rows), { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: 0, unchanged: posted.length });
  });

  it('savings: accounts, opening balances, deposits and withdrawals by file as posted one by one', async () => {
    const scheme = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKTV' } });
    const movements = side.B.members.slice(0, 4).flatMap((m, i) => [
      { member: i, kind: 'OPENING' as const, date: monthsAgo(7), amount: 1_500_000n + BigInt(i) * 100_000n },
      ...[5, 4, 3, 2].map((ago) => ({ member: i, kind: 'DEPOSIT' as const, date: monthsAgo(ago), amount: 200_000n + BigInt(ago) * 50_000n })),
      ...(i % 2 ? [{ member: i, kind: 'WITHDRAWAL' as const, date: monthsAgo(1), amount: 700_000n }] : []),
    ]);
    // Commune B, one by one: the account opened on its first day, the opening balance as the import
    // has always posted it, then the service's deposits and withdrawals.
    for (const [i, m] of side.B.members.slice(0, 4).entries()) {
      const account = await openSavingsAccount(side.B.officer, { memberId: m.id, schemeId: scheme.id, openedAt: monthsAgo(7) });
      for (const mv of movements.filter((x) => x.member === i)) {
        if (mv.kind === 'OPENING') {
          await db.$transaction((tx) => postInTx(side.B.officer, tx, account.id, 'DEPOSIT', { date: day(mv.date), amount: mv.amount, note: OPENING_NOTE }, { opening: true, historical: true }));
        } else {
          await postSavingsMovement(side.B.officer, account.id, mv.kind, { date: mv.date, amount: mv.amount.toString(), note: 'import' });
        }
      }
    }
    const labels = { OPENING: 'Số dư đầu kỳ', DEPOSIT: 'Gửi', WITHDRAWAL: 'Rút' };
    const rows = movements.map((mv) => ({
      communeCode: side.A.commune.code, memberCode: side.A.members[mv.member]!.code, scheme: 'TKTV', kind: labels[mv.kind], date: formatDateOnly(day(mv.date)), amount: mv.amount.toString(),
    }));
    expect(await runImport(side.A.officer, 'savings', await file(SAVINGS_SPEC, rows), { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: movements.length });

    const accounts = async (name: 'A' | 'B') => {
      const list = await db.savingsAccount.findMany({
        where: { orgUnitId: side[name].commune.id },
        include: { member: { select: { code: true } }, transactions: { orderBy: [{ date: 'asc' }, { amount: 'asc' }] } },
        orderBy: { member: { code: 'asc' } },
      });
      const balances = await db.savingsBalance.findMany({ where: { accountId: { in: list.map((a) => a.id) } } });
      return list.map((a) => ({
        member: a.member.code, openedAt: a.openedAt,
        balance: balances.filter((b) => b.accountId === a.id).map((b) => ({ balance: b.balance, lastEventOn: b.lastEventOn })),
        movements: a.transactions.map((t) => ({ kind: t.kind, date: isoDate(t.date), amount: t.amount, note: t.note, reversed: t.reversedAt !== null })),
      }));
    };
    const [a, b] = [await accounts('A'), await accounts('B')];
    expect(a).toHaveLength(4);
    expect(a).toEqual(b);
  });
});
