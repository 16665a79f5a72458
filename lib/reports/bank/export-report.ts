import type { Actor } from '@/lib/auth/actor';
import { fieldsGiven } from '@/lib/privacy/personal-fields';
import { recordExport } from '@/lib/privacy/record-export';
import type { TabularReport } from '../tabular';
import { BANK_REPORTS, type BankReportKind } from './reports';
import type { BankReportInput } from './shared';

/** Columns that name a person or hold her personal data: a report with one of them is personal data. */
const PERSONAL_COLUMNS = new Set(['fullName', 'nationalId', 'phone', 'address', 'householdCategory']);

export const carriesPersonalData = (report: Pick<TabularReport, 'columns'>) => report.columns.some((c) => PERSONAL_COLUMNS.has(c.key));

/**
 * A bank report read through the API (JSON) or downloaded (XLSX, CSV): one that lists people
 * leaves an audit entry — who, which report, in what format, the filters and how many rows — never
 * the values themselves (issue 22 §4; background downloads are audited by the export jobs).
 */
export async function bankReportForExport(actor: Actor, kind: BankReportKind, input: BankReportInput, format: 'json' | 'xlsx' | 'csv') {
  const report = await BANK_REPORTS[kind](actor, input);
  if (carriesPersonalData(report)) {
    const filters = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== ''));
    await recordExport(actor, {
      audit: { action: 'export.report', entity: 'Report', after: { report: kind, format, filters, rows: report.rows.length } },
      source: `report.${kind}`, format, filters, rowCount: report.rows.length, memberIds: report.memberIds ?? [], fields: fieldsGiven(actor, report.columns.map((c) => c.key)),
    });
  }
  return report;
}
