import ExcelJS from 'exceljs';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { escapeCell } from '@/lib/imports/cell-escape';
import { findMemberInScope } from '@/lib/members/find-member';
import { PERSONAL_FIELDS, fieldsGiven } from './personal-fields';
import { recordPersonalDataAccess } from './record-access';
import { SECTIONS, type SubjectContext } from './subject-access-sections';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Everything the system holds about one member, as a Vietnamese workbook, for her request under
 * Law 91/2025/QH15: made by an officer who keeps her register, in scope, and itself recorded
 * (SUBJECT_ACCESS, and the audit entry) before it is read — so the file lists its own making.
 */
export async function subjectAccessExport(actor: Actor, memberId: string, format: string | null) {
  assertCan(actor, 'register:write');
  if ((format ?? 'xlsx') !== 'xlsx') throw new AppError('BAD_REQUEST', 'imports.unknownFormat');
  const member = await findMemberInScope(actor, memberId);
  await db.$transaction(async (tx) => {
    await writeAudit(tx, auditActorOf(actor), { action: 'export.subjectAccess', entity: 'Member', entityId: member.id, after: { format: 'xlsx' } });
    await recordPersonalDataAccess(actor, { kind: 'SUBJECT_ACCESS', memberId: member.id, format: 'xlsx', fields: fieldsGiven(actor, PERSONAL_FIELDS) }, tx);
  });
  const [loans, accounts] = await Promise.all([
    db.loan.findMany({ where: { memberId: member.id }, select: { id: true } }),
    db.savingsAccount.findMany({ where: { memberId: member.id }, select: { id: true } }),
  ]);
  const ctx: SubjectContext = { memberId: member.id, loanIds: loans.map((l) => l.id), accountIds: accounts.map((a) => a.id) };
  const workbook = new ExcelJS.Workbook();
  for (const section of SECTIONS) {
    const sheet = workbook.addWorksheet(section.sheet);
    if (section.note) sheet.addRow([section.note]).font = { italic: true };
    sheet.addRow(section.headers).font = { bold: true };
    for (const row of await section.rows(ctx)) sheet.addRow(row.map(escapeCell));
    for (let i = 1; i <= section.headers.length; i += 1) sheet.getColumn(i).width = 22;
  }
  return {
    data: Buffer.from(await workbook.xlsx.writeBuffer()),
    fileName: `du-lieu-thanh-vien-${member.code ?? member.id.slice(0, 8)}-${isoDate(todayInVietnam())}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
  };
}
