// POST /api/v1/export-jobs {kind: outstanding|disbursements|collections|overdue|savings, format: xlsx|csv,
//      params: {orgUnitId?, from, to}} — a bank report (needs loan:read) — or {kind: register.members|register.groups|
//      register.org-units|register.loans|register.repayments|register.savings|register.reorganisation, format: xlsx|csv,
//      params: {sep?: semicolon}} — a register, the file GET /api/v1/exports/:kind streams (needs that register's read
//      permission) → 202 {id, status: QUEUED, rowsDone, rowsTotal}: exported in the background by a worker of any
//      server instance; poll GET /api/v1/export-jobs/:id, then download GET /api/v1/export-jobs/:id/file.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { startExportJob } from '@/lib/exports/jobs';
import type { RegisterJobParams } from '@/lib/exports/register-jobs';
import type { BankReportInput } from '@/lib/reports/bank';

export const POST = apiRoute(async ({ actor, request }) => {
  const body = (await readJson(request)) as { kind?: string; format?: string; params?: BankReportInput | RegisterJobParams };
  const { job } = await startExportJob(actor, { kind: body.kind ?? '', format: body.format ?? '', params: body.params ?? ({} as BankReportInput) });
  return json(job, 202);
});
