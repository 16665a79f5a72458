import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { monthOf } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { monthSchema } from '@/lib/collections/schemas';
import { db, type Prisma } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { issue, type RowIssue } from '@/lib/imports/kinds/kind';
import type { ImportFile } from '@/lib/imports/read-table';
import { translateIssues } from '@/lib/imports/run-import';
import type { ImportIssue, TableRow } from '@/lib/imports/types';
import type { Locale } from '@/lib/i18n/config';
import { maskNationalId } from '@/lib/members/pii';
import { parseMoney } from '@/lib/money';
import { findOrgUnitInScope } from '@/lib/org/find-org-unit';
import { BANK_LIST_FIELDS, proposeColumns, readBankList, readBankListHeaders, specOf, type BankListColumns } from './bank-list';

export const uploadStatementSchema = z.object({
  orgUnitId: z.string().min(1, { message: 'validation.required' }),
  month: monthSchema,
});

export type UploadOutcome =
  | { preview: true; headers: string[]; headerRow: number; columns: BankListColumns; office: string | null }
  | { preview: false; ok: false; rows: number; issues: ImportIssue[] }
  | { preview: false; ok: true; id: string; rows: number; matched: number; unmatched: number };

/**
 * Reads the bank's monthly list of a commune. With `preview`, only its headers and the columns
 * proposed for it (the office's remembered choice, or the usual names). Otherwise every row is
 * checked first — any problem and nothing is kept, each problem named by row and column — then the
 * list replaces the month's earlier one (not once the month is reconciled), the columns are
 * remembered for the commune's office, and the upload is audited (counts, never the CCCDs).
 */
export async function uploadBankStatement(
  actor: Actor,
  input: { orgUnitId: string; month: string; columns: BankListColumns | null; preview: boolean },
  file: ImportFile,
  locale: Locale,
): Promise<UploadOutcome> {
  assertCan(actor, 'reconcile:run');
  const { orgUnitId, month } = parseInput(uploadStatementSchema, input);
  const commune = await findOrgUnitInScope(actor, orgUnitId);
  if (commune.level !== 'COMMUNE') throw new AppError('VALIDATION', 'registers.notACommune', {}, { orgUnitId: { key: 'registers.notACommune' } });
  if (month > monthOf(todayInVietnam())) throw new AppError('VALIDATION', 'reconciliation.futureMonth', {}, { month: { key: 'reconciliation.futureMonth' } });
  const { headerRow, headers } = await readBankListHeaders(file);
  const link = await db.bankOfficeCommune.findFirst({ where: { orgUnitId: commune.id }, include: { bankOffice: true } });
  const proposed = proposeColumns(headers, (link?.bankOffice.listColumns as BankListColumns | null) ?? null);
  if (input.preview) return { preview: true, headers, headerRow, columns: proposed, office: link?.bankOffice.name ?? null };

  const columns = checkColumns(input.columns ?? proposed, headers);
  const table = await readBankList(file, columns, headerRow);
  const { lines, issues } = await parseLines(commune.id, table.rows);
  if (issues.length > 0) return { preview: false, ok: false, rows: table.rows.length, issues: translateIssues(specOf(columns), issues, locale) };

  const id = await db.$transaction(async (tx) => {
    const earlier = await tx.bankStatement.findUnique({ where: { orgUnitId_month: { orgUnitId: commune.id, month } } });
    if (earlier?.reconciledAt) throw new AppError('CONFLICT', 'reconciliation.alreadyReconciled', { month });
    if (earlier) await tx.bankStatement.delete({ where: { id: earlier.id } });
    const statement = await tx.bankStatement.create({
      data: { orgUnitId: commune.id, month, fileName: file.fileName.slice(0, 200), uploadedById: actor.userId },
    });
    await tx.bankStatementLine.createMany({ data: lines.map((line) => ({ ...line, statementId: statement.id })) });
    if (link) await tx.bankOffice.update({ where: { id: link.bankOfficeId }, data: { listColumns: columns as Prisma.InputJsonValue } });
    await writeAudit(tx, auditActorOf(actor), {
      action: 'reconciliation.upload', entity: 'BankStatement', entityId: statement.id,
      after: { commune: commune.code, month, rows: lines.length, matched: lines.filter(isMatched).length, replaced: !!earlier },
    });
    return statement.id;
  });
  return { preview: false, ok: true, id, rows: lines.length, matched: lines.filter(isMatched).length, unmatched: lines.filter((l) => !isMatched(l)).length };
}

const isMatched = (line: { loanId: string | null; memberId: string | null }) => !!(line.loanId || line.memberId);

/** The chosen columns: each one a header of the file, the outstanding and a way to find the borrower among them. */
function checkColumns(columns: BankListColumns, headers: string[]): BankListColumns {
  const chosen: BankListColumns = {};
  for (const field of BANK_LIST_FIELDS) {
    const header = columns[field]?.trim();
    if (!header) continue;
    if (!headers.includes(header)) throw new AppError('VALIDATION', 'reconciliation.unknownColumn', { column: header }, { [`columns.${field}`]: { key: 'reconciliation.unknownColumn', params: { column: header } } });
    chosen[field] = header;
  }
  if (!chosen.outstanding) throw new AppError('VALIDATION', 'reconciliation.columnNeeded', {}, { 'columns.outstanding': { key: 'reconciliation.columnNeeded' } });
  if (!chosen.loanNumber && !chosen.nationalId) throw new AppError('VALIDATION', 'reconciliation.identifierNeeded', {}, { 'columns.loanNumber': { key: 'reconciliation.identifierNeeded' } });
  return chosen;
}

/** Every row checked and matched to a loan of the commune (by number) or a member (by CCCD). */
async function parseLines(communeId: string, rows: TableRow[]) {
  const numbers = rows.map((r) => r.values.loanNumber).filter((v): v is string => !!v);
  const nationalIds = rows.map((r) => r.values.nationalId).filter((v): v is string => !!v).map((v) => (/^\d{11}$/.test(v) ? `0${v}` : v));
  const [loans, members] = await Promise.all([
    db.loan.findMany({ where: { orgUnitId: communeId, number: { in: numbers } }, select: { id: true, number: true, memberId: true } }),
    db.member.findMany({ where: { orgUnitId: communeId, nationalId: { in: nationalIds } }, select: { id: true, nationalId: true, status: true }, orderBy: { status: 'asc' } }),
  ]);
  const loanByNumber = new Map(loans.map((l) => [l.number, l]));
  const memberByNationalId = new Map<string, string>();
  for (const m of members) if (!memberByNationalId.has(m.nationalId)) memberByNationalId.set(m.nationalId, m.id);
  const issues: RowIssue[] = [];
  const lines = [];
  for (const row of rows) {
    const v = row.values;
    // Excel keeps a CCCD typed as a number without its leading zero.
    if (v.nationalId && /^\d{11}$/.test(v.nationalId)) v.nationalId = `0${v.nationalId}`;
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(row.rowNumber, column, key, params));
    const before = issues.length;
    if (!v.loanNumber && !v.nationalId) at(v.loanNumber === undefined ? 'nationalId' : 'loanNumber', 'reconciliation.rowIdentifier');
    if (v.nationalId && !/^\d{12}$/.test(v.nationalId)) at('nationalId', 'validation.nationalIdFormat', { field: 'nationalId' });
    const amounts = { outstanding: null as bigint | null, interestPaid: null as bigint | null, savingsBalance: null as bigint | null };
    for (const field of ['outstanding', 'interestPaid', 'savingsBalance'] as const) {
      if (!v[field]) {
        if (field === 'outstanding') at(field, 'validation.required', { field });
        continue;
      }
      const parsed = parseMoney(v[field]);
      if (parsed.ok) amounts[field] = parsed.value;
      else at(field, `validation.money.${parsed.error}`, { field });
    }
    if (issues.length > before) continue;
    const loan = v.loanNumber ? loanByNumber.get(v.loanNumber) : undefined;
    lines.push({
      rowNumber: row.rowNumber,
      loanNumber: v.loanNumber || null,
      borrowerName: v.borrowerName || null,
      nationalIdMasked: v.nationalId ? maskNationalId(v.nationalId) : null,
      loanId: loan?.id ?? null,
      memberId: loan?.memberId ?? (v.nationalId ? memberByNationalId.get(v.nationalId) ?? null : null),
      ...amounts,
    });
  }
  return { lines, issues };
}
