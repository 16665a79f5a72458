import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { readPastDate } from '@/lib/groups/schemas';
import { savingsAccountWhere } from '@/lib/auth/business';
import { orgUnitScope, scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAuditMany } from '@/lib/audit';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { db, type SavingsScheme, type Tx } from '@/lib/db';
import { bulkInsert } from '@/lib/db/bulk-insert';
import { AppError } from '@/lib/errors';
import { parseMoney } from '@/lib/money';
import type { TableRow, TableSpec } from '../types';
import { enumReader } from './labels';
import { issue, type ImportKind, type RowIssue } from './kind';
import { accountFingerprints, OPENING_NOTE, replay, type ParsedMovement, type SavingsItem, type SavingsRowKind } from './savings-replay';

const KIND_LABELS: Record<SavingsRowKind, string> = { OPENING: OPENING_NOTE, DEPOSIT: 'Gửi', WITHDRAWAL: 'Rút' };
const readKind = enumReader<SavingsRowKind>(KIND_LABELS);

export const SAVINGS_SPEC: TableSpec = {
  kind: 'Giao dịch tiết kiệm',
  columns: [
    { key: 'communeCode', header: 'Mã xã/phường', required: true, description: 'Mã đơn vị của xã/phường có thành viên.', example: 'ND-YY-YK' },
    { key: 'memberCode', header: 'Mã thành viên', required: true, description: 'Mã thành viên trong xã/phường.', example: 'TV0001' },
    { key: 'scheme', header: 'Mã loại tiết kiệm', required: true, description: 'TKTV, TKNH, TKCH… (trang Tiết kiệm).', example: 'TKTV' },
    { key: 'kind', header: 'Loại giao dịch', required: true, description: 'Số dư đầu kỳ (dòng đầu tiên của sổ, không tính vào mức gửi tháng), Gửi, hoặc Rút.', example: 'Gửi' },
    { key: 'date', header: 'Ngày', required: true, description: 'dd/mm/yyyy, không sau hôm nay.', example: '10/01/2026' },
    { key: 'amount', header: 'Số tiền', required: true, description: 'Đồng, lớn hơn 0.', example: '200.000' },
  ],
};

async function validate(actor: Actor, rows: TableRow[]) {
  const issues: RowIssue[] = [];
  const codes = (column: string) => [...new Set(rows.map((r) => (r.values[column] ?? '').toUpperCase()))];
  const communes = new Map((await db.orgUnit.findMany({ where: { level: 'COMMUNE', code: { in: codes('communeCode') }, ...orgUnitScope(actor) } })).map((c) => [c.code, c]));
  const members = await db.member.findMany({ where: { code: { in: codes('memberCode') }, orgUnitId: { in: [...communes.values()].map((c) => c.id) } } });
  const memberOf = new Map(members.map((m) => [`${m.orgUnitId}:${m.code}`, m]));
  const schemes = new Map((await db.savingsScheme.findMany()).map((s) => [s.code, s]));
  const accounts = await db.savingsAccount.findMany({
    where: { memberId: { in: members.map((m) => m.id) }, ...scopeWhere(actor) },
    include: { transactions: true },
  });
  const accountOf = new Map(accounts.map((a) => [`${a.memberId}:${a.schemeId}`, a]));
  const groups = new Map<string, { rows: SavingsItem[]; member: (typeof members)[number]; scheme: SavingsScheme }>();
  for (const row of rows) {
    const v = row.values;
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(row.rowNumber, column, key, params));
    const before = issues.length;
    for (const c of ['communeCode', 'memberCode', 'scheme', 'kind', 'date', 'amount']) if (!v[c]) at(c, 'validation.required', { field: c });
    const commune = v.communeCode ? communes.get(v.communeCode.toUpperCase()) : undefined;
    if (v.communeCode && !commune) at('communeCode', 'imports.rows.unknownCommune', { code: v.communeCode });
    const member = commune && v.memberCode ? memberOf.get(`${commune.id}:${v.memberCode.toUpperCase()}`) : undefined;
    if (commune && v.memberCode && !member) at('memberCode', 'imports.rows.unknownMember', { code: v.memberCode });
    const scheme = v.scheme ? schemes.get(v.scheme.toUpperCase()) : undefined;
    if (v.scheme && !scheme) at('scheme', 'imports.rows.unknownScheme', { code: v.scheme });
    const kind = v.kind ? readKind(v.kind) : null;
    if (v.kind && !kind) at('kind', 'imports.rows.savingsKind');
    const read = readPastDate(v.date);
    if (read.problem) at('date', read.problem.key, { field: 'date', ...read.problem.params });
    const date = read.date;
    const amount = parseMoney(v.amount);
    if (v.amount && !amount.ok) at('amount', `validation.money.${amount.error}`, { field: 'amount' });
    else if (amount.ok && amount.value <= 0n) at('amount', 'loans.amountPositive');
    if (issues.length > before || !member || !scheme || !kind || !date || !amount.ok) continue;
    const key = `${member.id}:${scheme.id}`;
    const group = groups.get(key) ?? { rows: [], member, scheme };
    group.rows.push({ row, kind, date, amount: amount.value });
    groups.set(key, group);
  }
  const parsed: ParsedMovement[] = [];
  for (const [key, group] of groups) replay(group, accountOf.get(key) ?? null, issues, parsed);
  return { parsed, issues };
}

const MOVEMENT_COLUMNS = { id: 'uuid', accountId: 'uuid', kind: '"SavingsTransactionKind"', date: 'date', amount: 'bigint', note: 'text', postedById: 'uuid' };

/** Opens the accounts the file's rows need, each on the earliest date the file gives it (audited); returns their ids by member and scheme. */
async function openAccounts(actor: Actor, tx: Tx, creates: ParsedMovement[]) {
  const opening = new Map<string, { id: string; schemeId: string; memberId: string; orgUnitId: string; openedAt: Date }>();
  for (const row of creates) {
    const key = `${row.memberId}:${row.schemeId}`;
    // Rows come in date order: the first one of an account is its earliest.
    if (row.accountId || opening.has(key)) continue;
    opening.set(key, { id: randomUUID(), schemeId: row.schemeId, memberId: row.memberId, orgUnitId: row.orgUnitId, openedAt: row.date });
  }
  const accounts = [...opening.values()];
  await bulkInsert(tx, 'SavingsAccount', { id: 'uuid', schemeId: 'uuid', memberId: 'uuid', orgUnitId: 'uuid', openedAt: 'date' }, accounts);
  await writeAuditMany(tx, auditActorOf(actor), accounts.map((a) => ({ action: 'savings.open', entity: 'SavingsAccount', entityId: a.id, after: a })));
  return new Map([...opening].map(([key, a]) => [key, a.id]));
}

/**
 * The accounts already there, locked, then proven unchanged since their rows were judged (no
 * movement, reversal, rule or member change meanwhile): the judgement stands as if made under the lock.
 */
async function assertAccountsUnchanged(tx: Tx, creates: ParsedMovement[]) {
  const judged = new Map(creates.flatMap((r) => (r.accountId ? [[r.accountId, r.fingerprint]] : [])));
  if (judged.size === 0) return;
  const ids = [...judged.keys()].sort();
  await tx.$queryRaw`SELECT 1 FROM "SavingsAccount" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR UPDATE`;
  const now = await accountFingerprints(tx, ids);
  if (ids.some((id) => now.get(id) !== judged.get(id))) throw new AppError('CONFLICT', 'imports.concurrentChange');
}

export const savingsKind: ImportKind<ParsedMovement> = {
  name: 'savings',
  spec: SAVINGS_SPEC,
  permission: 'savings:post',
  validate,
  async apply(actor, tx, parsed, progress) {
    const creates = parsed.filter((r) => r.action === 'create').sort((a, b) => a.date.getTime() - b.date.getTime() || a.rowNumber - b.rowNumber);
    const accountIds = await openAccounts(actor, tx, creates);
    await assertAccountsUnchanged(tx, creates);
    // In account order, each account's rows in date order: the indexes on the account fill in sequence.
    const accountOf = (row: ParsedMovement) => row.accountId ?? accountIds.get(`${row.memberId}:${row.schemeId}`)!;
    const byAccount = [...creates].sort((a, b) => (accountOf(a) < accountOf(b) ? -1 : accountOf(a) > accountOf(b) ? 1 : 0));
    const movements = byAccount.map((row) => ({
      id: randomUUID(), accountId: accountOf(row), kind: row.kind === 'WITHDRAWAL' ? 'WITHDRAWAL' : 'DEPOSIT',
      date: row.date, amount: row.amount, note: row.kind === 'OPENING' ? OPENING_NOTE : 'import', postedById: actor.userId,
    }));
    // One statement: the savings balances' trigger runs once for the file.
    await bulkInsert(tx, 'SavingsTransaction', MOVEMENT_COLUMNS, movements);
    await writeAuditMany(tx, auditActorOf(actor), movements.map((m) => ({ action: `savings.${m.kind.toLowerCase()}`, entity: 'SavingsTransaction', entityId: m.id, after: m })));
    progress(creates.length);
    return { created: creates.length, updated: 0, unchanged: parsed.length - creates.length };
  },
  async exportMemberIds(actor) {
    const accounts = await db.savingsAccount.findMany({ where: { AND: [savingsAccountWhere(actor), { transactions: { some: { reversedAt: null } } }] }, select: { memberId: true }, distinct: ['memberId'] });
    return accounts.map((a) => a.memberId);
  },
  exportCount: (actor) => db.savingsTransaction.count({ where: { reversedAt: null, account: savingsAccountWhere(actor) } }),
  async *exportRows(actor) {
    const transactions = await db.savingsTransaction.findMany({
      where: { reversedAt: null, account: savingsAccountWhere(actor) },
      include: { account: { select: { scheme: { select: { code: true } }, member: { select: { code: true } }, orgUnit: { select: { code: true } } } } },
      orderBy: [{ accountId: 'asc' }, { date: 'asc' }, { postedAt: 'asc' }],
    });
    for (const t of transactions) {
      const kind = t.kind === 'WITHDRAWAL' ? 'WITHDRAWAL' : t.note === OPENING_NOTE ? 'OPENING' : 'DEPOSIT';
      yield { communeCode: t.account.orgUnit.code, memberCode: t.account.member.code ?? '', scheme: t.account.scheme.code, kind: KIND_LABELS[kind], date: formatDateOnly(t.date), amount: t.amount.toString() };
    }
  },
};
