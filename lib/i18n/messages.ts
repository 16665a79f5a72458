import viCore from './messages/vi/core.json';
import viImports from './messages/vi/imports.json';
import viRegisters from './messages/vi/registers.json';
import viGroups from './messages/vi/groups.json';
import viMembers from './messages/vi/members.json';
import viLoans from './messages/vi/loans.json';
import viProgrammes from './messages/vi/programmes.json';
import viSavings from './messages/vi/savings.json';
import viSheets from './messages/vi/sheets.json';
import viInspections from './messages/vi/inspections.json';
import viFees from './messages/vi/fees.json';
import viFund from './messages/vi/fund.json';
import viReports from './messages/vi/reports.json';
import viDashboard from './messages/vi/dashboard.json';
import viHelp from './messages/vi/help.json';
import viJobs from './messages/vi/jobs.json';
import viReorg from './messages/vi/reorg.json';
import viReconciliation from './messages/vi/reconciliation.json';
import viBreaches from './messages/vi/breaches.json';
import viPrivacy from './messages/vi/privacy.json';
import enCore from './messages/en/core.json';
import enImports from './messages/en/imports.json';
import enRegisters from './messages/en/registers.json';
import enGroups from './messages/en/groups.json';
import enMembers from './messages/en/members.json';
import enLoans from './messages/en/loans.json';
import enProgrammes from './messages/en/programmes.json';
import enSavings from './messages/en/savings.json';
import enSheets from './messages/en/sheets.json';
import enInspections from './messages/en/inspections.json';
import enFees from './messages/en/fees.json';
import enFund from './messages/en/fund.json';
import enReports from './messages/en/reports.json';
import enDashboard from './messages/en/dashboard.json';
import enHelp from './messages/en/help.json';
import enJobs from './messages/en/jobs.json';
import enReorg from './messages/en/reorg.json';
import enReconciliation from './messages/en/reconciliation.json';
import enBreaches from './messages/en/breaches.json';
import enPrivacy from './messages/en/privacy.json';
import type { Locale } from './config';

// One catalogue per language, assembled from one file per module so modules evolve separately.
// Each module file holds the keys under its own top-level name (e.g. imports.json → "imports").
const vi = {
  ...viCore, imports: viImports, registers: viRegisters, groups: viGroups, members: viMembers, loans: viLoans,
  programmes: viProgrammes, savings: viSavings, sheets: viSheets, inspections: viInspections, fees: viFees, fund: viFund,
  reports: viReports, dashboard: viDashboard, help: viHelp, jobs: viJobs, reorg: viReorg, reconciliation: viReconciliation, breaches: viBreaches,
  privacy: viPrivacy,
};
const en = {
  ...enCore, imports: enImports, registers: enRegisters, groups: enGroups, members: enMembers, loans: enLoans,
  programmes: enProgrammes, savings: enSavings, sheets: enSheets, inspections: enInspections, fees: enFees, fund: enFund,
  reports: enReports, dashboard: enDashboard, help: enHelp, jobs: enJobs, reorg: enReorg, reconciliation: enReconciliation, breaches: enBreaches,
  privacy: enPrivacy,
};

export type Messages = typeof vi;
export const catalogues: Record<Locale, Messages> = { vi, en: en as Messages };
