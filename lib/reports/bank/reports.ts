import type { Actor } from '@/lib/auth/actor';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { BANK_SAVINGS_KINDS } from '@/lib/auth/business';
import { Prisma, readDb, type ReportReads, type Tx } from '@/lib/db';
import { attributedPostings, inSubtree, pathInScope } from '@/lib/ledger/posting-sums';
import { ageingBucket } from '@/lib/loans/engine/ledger';
import { maskPersonalData } from '@/lib/members/pii';
import { overdueAsOf } from '../overdue';
import { balancesOn } from '../summary-figures';
import { totalsOf, type Cell, type ReportColumn, type TabularReport } from '../tabular';
import { reportContext, type BankReportInput } from './shared';

// The bank's reports (issue 8), each a table with a totals row, of the bank's business only (VBSP
// programmes, savings through VBSP groups: issue 21). Loans count for the commune and group that
// held them on the date concerned, as in the summary report. Each reads in one place — the replica
// when there is one, or the caller's `reads` — and says `asOf` when that is behind (decision 021).

const TOTAL = 'Tổng cộng';
const names = async (db: Tx, ids: { communes?: string[]; groups?: string[] }) => {
  const [communes, groups] = await Promise.all([
    db.orgUnit.findMany({ where: { id: { in: ids.communes ?? [] } }, select: { id: true, name: true, parent: { select: { name: true } } } }),
    db.group.findMany({ where: { id: { in: ids.groups ?? [] } }, select: { id: true, code: true, name: true } }),
  ]);
  return { commune: new Map(communes.map((c) => [c.id, c])), group: new Map(groups.map((g) => [g.id, g])) };
};
const compare = (a: string, b: string) => a.localeCompare(b, 'vi');

/** 1. Outstanding by programme and commune at the end date, with households with a balance. */
export async function outstandingMatrix(actor: Actor, input: BankReportInput, reads?: ReportReads): Promise<TabularReport> {
  const { db, asOf } = reads ?? (await readDb());
  const ctx = await reportContext(actor, input, db);
  const [balances, programmes] = await Promise.all([balancesOn(db, ctx.scope, ctx.to), db.programme.findMany({ orderBy: { code: 'asc' } })]);
  const used = programmes.filter((p) => balances.some((b) => b.programmeId === p.id));
  const { commune } = await names(db, { communes: [...new Set(balances.map((b) => b.orgUnitId))] });
  const columns: ReportColumn[] = [
    { key: 'commune', header: 'Xã/phường', type: 'text', width: 28 },
    { key: 'district', header: 'Quận/huyện', type: 'text', width: 22 },
    ...used.map((p): ReportColumn => ({ key: p.code, header: `Dư nợ ${p.code}`, type: 'money' })),
    { key: 'total', header: 'Tổng dư nợ', type: 'money' },
    { key: 'borrowers', header: 'Số hộ còn dư nợ', type: 'int' },
  ];
  const rows = [...commune.values()]
    .map((c) => {
      const mine = balances.filter((b) => b.orgUnitId === c.id);
      const row: Record<string, Cell> = { commune: c.name, district: c.parent?.name ?? '' };
      for (const p of used) row[p.code] = mine.filter((b) => b.programmeId === p.id).reduce((s, b) => s + b.amount, 0n);
      row.total = mine.reduce((s, b) => s + b.amount, 0n);
      row.borrowers = new Set(mine.map((b) => b.memberId)).size;
      return row;
    })
    .sort((a, b) => compare(String(a.commune), String(b.commune)));
  const totals = totalsOf(columns, rows, TOTAL);
  totals.borrowers = new Set(balances.map((b) => b.memberId)).size; // a household counts once
  return { kind: 'outstanding', title: 'Dư nợ theo chương trình và xã', subtitle: ctx.asOf, columns, rows, totals, asOf };
}

/** 2. Every disbursement in the period. */
export async function disbursementList(actor: Actor, input: BankReportInput, reads?: ReportReads): Promise<TabularReport> {
  const { db, asOf } = reads ?? (await readDb());
  const ctx = await reportContext(actor, input, db);
  const scope = ctx.scope;
  const rows = await db.$queryRaw<{ memberId: string; date: Date; number: string; fullName: string; nationalId: string; commune: string; groupCode: string; programme: string; round: number; termMonths: number; amount: bigint }[]>`
    SELECT x."memberId", x."date", l."number", m."fullName", m."nationalId", o."name" AS "commune", g."code" AS "groupCode", p."code" AS "programme", l."round", l."termMonths", x."amount"
    FROM (${attributedPostings(scope, ctx.to, ctx.from)}) x ${inSubtree(scope)}
    JOIN "Loan" l ON l."id" = x."loanId" JOIN "Member" m ON m."id" = x."memberId" JOIN "Group" g ON g."id" = x."groupId" JOIN "Programme" p ON p."id" = x."programmeId"
    WHERE x."kind" = 'DISBURSEMENT' AND x."date" >= ${ctx.from}
    ORDER BY x."date", l."number"`;
  const columns: ReportColumn[] = [
    { key: 'date', header: 'Ngày giải ngân', type: 'text', width: 14 },
    { key: 'number', header: 'Số khoản vay', type: 'text', width: 22 },
    { key: 'fullName', header: 'Người vay', type: 'text', width: 26 },
    { key: 'nationalId', header: 'Số CCCD', type: 'text', width: 15 },
    { key: 'commune', header: 'Xã/phường', type: 'text', width: 24 },
    { key: 'groupCode', header: 'Tổ', type: 'text', width: 10 },
    { key: 'programme', header: 'Chương trình', type: 'text', width: 12 },
    { key: 'round', header: 'Vòng vay', type: 'int', width: 9 },
    { key: 'termMonths', header: 'Thời hạn (tháng)', type: 'int', width: 10 },
    { key: 'amount', header: 'Số tiền giải ngân', type: 'money' },
  ];
  const list = rows.map(({ memberId: _member, ...r }) => maskPersonalData(actor, { ...r, date: formatDateOnly(r.date) }) as Record<string, Cell>);
  const totals = totalsOf(columns, list, `${TOTAL} (${list.length} món)`);
  totals.round = null;
  totals.termMonths = null;
  return { kind: 'disbursements', title: 'Danh sách giải ngân', subtitle: ctx.period, columns, rows: list, totals, asOf, memberIds: [...new Set(rows.map((r) => r.memberId))] };
}

/** 3. Collections by group and month (principal, interest, savings in and out), as form 13/TD lists them. */
export async function collectionsByGroup(actor: Actor, input: BankReportInput, reads?: ReportReads): Promise<TabularReport> {
  const { db, asOf } = reads ?? (await readDb());
  const ctx = await reportContext(actor, input, db);
  const scope = ctx.scope;
  const [loans, savings] = await Promise.all([
    db.$queryRaw<{ groupId: string; orgUnitId: string; month: string; principal: bigint; interest: bigint }[]>`
      SELECT x."groupId", x."orgUnitId", to_char(x."date", 'YYYY-MM') AS "month", SUM(x."principal")::bigint AS "principal", SUM(x.interest)::bigint AS "interest"
      FROM (${attributedPostings(scope, ctx.to, ctx.from)}) x ${inSubtree(scope)}
      WHERE x."kind" = 'REPAYMENT' AND x."date" >= ${ctx.from}
      GROUP BY 1, 2, 3`,
    db.$queryRaw<{ groupId: string; orgUnitId: string; month: string; deposits: bigint; withdrawals: bigint }[]>`
      SELECT m."groupId", a."orgUnitId", to_char(t."date", 'YYYY-MM') AS "month",
        SUM(CASE WHEN t."kind" = 'DEPOSIT' THEN t."amount" ELSE 0 END)::bigint AS "deposits",
        SUM(CASE WHEN t."kind" = 'WITHDRAWAL' THEN t."amount" ELSE 0 END)::bigint AS "withdrawals"
      FROM "SavingsTransaction" t JOIN "SavingsAccount" a ON a."id" = t."accountId" JOIN "Member" m ON m."id" = a."memberId"
      JOIN "SavingsScheme" s ON s."id" = a."schemeId" AND s."kind"::text IN (${Prisma.join(BANK_SAVINGS_KINDS)})
      JOIN "OrgUnit" o ON o."id" = a."orgUnitId" AND ${pathInScope('o', ctx.scope)}
      WHERE t."reversedAt" IS NULL AND t."date" BETWEEN ${ctx.from} AND ${ctx.to} AND m."groupId" IS NOT NULL
      GROUP BY 1, 2, 3`,
  ]);
  const keyOf = (r: { groupId: string; month: string }) => `${r.groupId}:${r.month}`;
  const loanOf = new Map(loans.map((l) => [keyOf(l), l]));
  const savingOf = new Map(savings.map((s) => [keyOf(s), s]));
  const keys = new Map<string, { groupId: string; orgUnitId: string; month: string }>();
  for (const r of [...loans, ...savings]) keys.set(keyOf(r), { groupId: r.groupId, orgUnitId: r.orgUnitId, month: r.month });
  const { commune, group } = await names(db, {
    communes: [...new Set([...keys.values()].map((k) => k.orgUnitId))],
    groups: [...new Set([...keys.values()].map((k) => k.groupId))],
  });
  const columns: ReportColumn[] = [
    { key: 'month', header: 'Tháng', type: 'text', width: 10 },
    { key: 'commune', header: 'Xã/phường', type: 'text', width: 24 },
    { key: 'group', header: 'Tổ', type: 'text', width: 26 },
    { key: 'principal', header: 'Thu nợ gốc', type: 'money' },
    { key: 'interest', header: 'Thu lãi', type: 'money' },
    { key: 'deposits', header: 'Gửi tiết kiệm', type: 'money' },
    { key: 'withdrawals', header: 'Rút tiết kiệm', type: 'money' },
    { key: 'collected', header: 'Tổng thu (gốc + lãi + gửi)', type: 'money' },
  ];
  const rows = [...keys.entries()]
    .map(([key, k]) => {
      const loan = loanOf.get(key);
      const saving = savingOf.get(key);
      const g = group.get(k.groupId);
      const principal = loan?.principal ?? 0n;
      const interest = loan?.interest ?? 0n;
      const deposits = saving?.deposits ?? 0n;
      return {
        month: `${k.month.slice(5)}/${k.month.slice(0, 4)}`, sort: k.month, commune: commune.get(k.orgUnitId)?.name ?? '', group: g ? `${g.code} · ${g.name}` : '',
        principal, interest, deposits, withdrawals: saving?.withdrawals ?? 0n, collected: principal + interest + deposits,
      };
    })
    .sort((a, b) => compare(`${a.sort}${a.commune}${a.group}`, `${b.sort}${b.commune}${b.group}`))
    .map(({ sort: _sort, ...r }) => r as Record<string, Cell>);
  return { kind: 'collections', title: 'Thu nợ, thu lãi, tiết kiệm theo tổ và tháng', subtitle: ctx.period, columns, rows, totals: totalsOf(columns, rows, TOTAL), asOf };
}

/** 4. Loans with overdue principal at the end date, by ageing. */
export async function overdueLoans(actor: Actor, input: BankReportInput, reads?: ReportReads): Promise<TabularReport> {
  const { db, asOf } = reads ?? (await readDb());
  const ctx = await reportContext(actor, input, db);
  const balances = await balancesOn(db, ctx.scope, ctx.to);
  const overdue = await overdueAsOf(balances.map((b) => b.loanId), ctx.to, db);
  const details = await db.loan.findMany({
    where: { id: { in: overdue.map((o) => o.loanId) } },
    select: { id: true, number: true, member: { select: { id: true, fullName: true } }, programme: { select: { code: true } } },
  });
  const { commune, group } = await names(db, { communes: balances.map((b) => b.orgUnitId), groups: balances.map((b) => b.groupId) });
  const BUCKET = { '1-90': '1–90 ngày', '91-180': '91–180 ngày', '181-360': '181–360 ngày', '>360': 'Trên 360 ngày', '0': '' } as const;
  const columns: ReportColumn[] = [
    { key: 'number', header: 'Số khoản vay', type: 'text', width: 22 },
    { key: 'fullName', header: 'Người vay', type: 'text', width: 26 },
    { key: 'commune', header: 'Xã/phường', type: 'text', width: 24 },
    { key: 'group', header: 'Tổ', type: 'text', width: 10 },
    { key: 'programme', header: 'Chương trình', type: 'text', width: 12 },
    { key: 'outstanding', header: 'Dư nợ', type: 'money' },
    { key: 'overdue', header: 'Nợ quá hạn', type: 'money' },
    { key: 'days', header: 'Số ngày quá hạn', type: 'int', width: 10 },
    { key: 'bucket', header: 'Nhóm', type: 'text', width: 14 },
  ];
  const balanceOf = new Map(balances.map((b) => [b.loanId, b]));
  const detailOf = new Map(details.map((d) => [d.id, d]));
  const rows = overdue
    .map((o) => {
      const b = balanceOf.get(o.loanId)!;
      const d = detailOf.get(o.loanId)!;
      return {
        number: d.number, fullName: d.member.fullName, commune: commune.get(b.orgUnitId)?.name ?? '', group: group.get(b.groupId)?.code ?? '', programme: d.programme.code,
        outstanding: b.amount, overdue: o.overdue, days: o.daysPastDue, bucket: BUCKET[ageingBucket(o.daysPastDue)],
      } as Record<string, Cell>;
    })
    .sort((a, b) => Number(b.days) - Number(a.days) || compare(String(a.number), String(b.number)));
  const totals = totalsOf(columns, rows, `${TOTAL} (${rows.length} món)`);
  totals.days = null;
  const memberIds = [...new Set(details.map((d) => d.member.id))];
  return { kind: 'overdue', title: 'Danh sách nợ quá hạn', subtitle: ctx.asOf, columns, rows, totals, asOf, memberIds };
}

/** 5. Savings mobilised through VBSP groups at the end date, by group: savers and balance. */
export async function savingsByGroup(actor: Actor, input: BankReportInput, reads?: ReportReads): Promise<TabularReport> {
  const { db, asOf } = reads ?? (await readDb());
  const ctx = await reportContext(actor, input, db);
  // Per member, the balance at the date; then per group, the balance and the savers (counted once).
  const rows = await db.$queryRaw<{ groupId: string | null; orgUnitId: string; savers: bigint; balance: bigint }[]>`
    SELECT b."groupId", b."orgUnitId", COUNT(DISTINCT b."memberId")::bigint AS "savers", SUM(b.balance)::bigint AS "balance"
    FROM (
      SELECT m."groupId", a."orgUnitId", a."memberId", SUM(CASE WHEN t."kind" = 'DEPOSIT' THEN t."amount" ELSE -t."amount" END) AS balance
      FROM "SavingsAccount" a JOIN "SavingsScheme" s ON s."id" = a."schemeId" AND s."kind"::text IN (${Prisma.join(BANK_SAVINGS_KINDS)})
      JOIN "Member" m ON m."id" = a."memberId"
      JOIN "OrgUnit" o ON o."id" = a."orgUnitId" AND ${pathInScope('o', ctx.scope)}
      JOIN "SavingsTransaction" t ON t."accountId" = a."id" AND t."reversedAt" IS NULL AND t."date" <= ${ctx.to}
      GROUP BY 1, 2, 3
    ) b WHERE b.balance > 0
    GROUP BY 1, 2`;
  const { commune, group } = await names(db, { communes: rows.map((r) => r.orgUnitId), groups: rows.flatMap((r) => (r.groupId ? [r.groupId] : [])) });
  const columns: ReportColumn[] = [
    { key: 'commune', header: 'Xã/phường', type: 'text', width: 24 },
    { key: 'group', header: 'Tổ', type: 'text', width: 28 },
    { key: 'savers', header: 'Số người gửi', type: 'int', width: 10 },
    { key: 'balance', header: 'Số dư tiết kiệm qua tổ (NHCSXH)', type: 'money' },
  ];
  const byGroup = rows.map((r): Record<string, Cell> => {
    const g = r.groupId ? group.get(r.groupId) : null;
    return {
      commune: commune.get(r.orgUnitId)?.name ?? '', group: g ? `${g.code} · ${g.name}` : 'Không thuộc tổ', savers: Number(r.savers),
      balance: r.balance,
    };
  });
  const list = byGroup.sort((a, b) => compare(`${a.commune}${a.group}`, `${b.commune}${b.group}`));
  return { kind: 'savings', title: 'Tiết kiệm theo tổ', subtitle: ctx.asOf, columns, rows: list, totals: totalsOf(columns, list, TOTAL), asOf };
}

export const BANK_REPORTS = {
  outstanding: outstandingMatrix,
  disbursements: disbursementList,
  collections: collectionsByGroup,
  overdue: overdueLoans,
  savings: savingsByGroup,
} as const;
export type BankReportKind = keyof typeof BANK_REPORTS;
export const isBankReportKind = (kind: string): kind is BankReportKind => Object.hasOwn(BANK_REPORTS, kind);
