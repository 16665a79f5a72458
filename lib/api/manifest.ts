import type { Permission } from '@/lib/auth/permissions';

// Every /api/v1 handler and what it requires. The access test (tests/access/route-access.test.ts)
// fails when a handler exists without a line here (or a line names no handler), and checks each
// line: 401 without credentials, 403 for every role lacking the permission, and — for reads of one
// resource — 200 inside the reader's subtree, 404 outside it. The permission is checked by the
// service the handler calls; this list is the contract the test holds the services to.

export type Access =
  | Permission
  /** Anyone, signed in or not (issuing a token). */
  | 'public'
  /** Any signed-in user, about themselves or what they created. */
  | 'self';

export interface RouteDeclaration {
  /** The route under /api/v1, as its folder is named. */
  route: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  access: Access;
  /** Values of dynamic segments other than the resource id (e.g. the loan action). */
  params?: Record<string, string>;
  /** Reads of one resource by id: the scope test uses one of these in each unit. */
  resource?: 'group' | 'loan' | 'member' | 'orgUnit';
  /** Query string a read needs (dates, month). */
  query?: string;
}

const LOAN_ACTIONS: [string, Permission][] = [
  ['appraisal', 'loan:apply'], ['approve', 'loan:approve'], ['reject', 'loan:approve'], ['disburse', 'loan:apply'], ['repayments', 'loan:apply'],
  ['extensions', 'loan:risk'], ['freeze', 'loan:risk'], ['write-off', 'loan:risk'], ['reversals', 'loan:risk'], ['reversal-requests', 'loan:apply'],
];
const PERIOD = 'from=2026-01-01&to=2026-06-30';

export const ROUTE_MANIFEST: RouteDeclaration[] = [
  { route: 'auth/token', method: 'POST', access: 'public' },
  // Unknown paths: the JSON 404 (app/api/v1/[...path]).
  ...(['GET', 'POST', 'PATCH', 'DELETE'] as const).map((method) => ({ route: '[...path]', method, access: 'public' as const })),
  { route: 'me', method: 'GET', access: 'self' },
  { route: 'me/tokens', method: 'GET', access: 'self' },
  { route: 'me/tokens/[id]', method: 'DELETE', access: 'self' },
  // A bank report's job needs loan:read (checked first, so an empty body answers 403 without it); a register's job
  // ("register.members" …) needs that register's read permission, as GET exports/[kind] does (lib/exports/jobs.test.ts).
  { route: 'export-jobs', method: 'POST', access: 'loan:read' },
  { route: 'export-jobs/[id]', method: 'GET', access: 'self' },
  { route: 'export-jobs/[id]/file', method: 'GET', access: 'self' },
  { route: 'exports/[kind]', method: 'GET', access: 'register:read', params: { kind: 'members' } },
  { route: 'breaches', method: 'GET', access: 'audit:read' },
  { route: 'breaches', method: 'POST', access: 'audit:read' },
  { route: 'breaches/[id]/notices', method: 'POST', access: 'audit:read' },
  { route: 'breaches/[id]/close', method: 'POST', access: 'audit:read' },
  { route: 'jobs', method: 'GET', access: 'jobs:read' },
  { route: 'jobs/[name]/run', method: 'POST', access: 'jobs:run', params: { name: 'exports.cleanup' } },
  { route: 'imports', method: 'POST', access: 'import:run' },
  { route: 'imports/error-report', method: 'POST', access: 'import:run' },
  { route: 'imports/jobs/[id]', method: 'GET', access: 'self' },
  { route: 'imports/templates/[kind]', method: 'GET', access: 'import:run', params: { kind: 'members' } },
  { route: 'org-units', method: 'GET', access: 'org:read' },
  { route: 'org-units', method: 'POST', access: 'org:manage' },
  { route: 'org-units/[id]', method: 'GET', access: 'org:read', resource: 'orgUnit' },
  { route: 'org-units/[id]', method: 'PATCH', access: 'org:manage' },
  { route: 'org-units/[id]', method: 'DELETE', access: 'org:manage' },
  { route: 'reorganisations', method: 'GET', access: 'org:read' },
  { route: 'bank-offices', method: 'GET', access: 'org:read' },
  { route: 'bank-offices', method: 'POST', access: 'org:manage' },
  { route: 'reorganisations', method: 'POST', access: 'org:reorganise' },
  { route: 'groups', method: 'GET', access: 'register:read' },
  { route: 'groups/[id]', method: 'GET', access: 'register:read', resource: 'group' },
  { route: 'groups/[id]', method: 'PATCH', access: 'register:write' },
  { route: 'members', method: 'GET', access: 'register:read' },
  { route: 'members/[id]', method: 'GET', access: 'register:read', resource: 'member', query: 'purpose=INSPECTION' },
  { route: 'members/[id]/subject-access', method: 'GET', access: 'register:write', query: 'format=xlsx' },
  { route: 'members/[id]/consents', method: 'GET', access: 'register:read', resource: 'member' },
  { route: 'members/[id]/consents', method: 'POST', access: 'register:write' },
  { route: 'members/[id]/erasure', method: 'POST', access: 'register:write' },
  { route: 'members/[id]/restriction', method: 'POST', access: 'register:write' },
  { route: 'members/[id]/restriction', method: 'DELETE', access: 'register:write' },
  { route: 'privacy/retention', method: 'GET', access: 'audit:read' },
  { route: 'privacy/retention', method: 'PATCH', access: 'audit:read' },
  { route: 'programmes', method: 'GET', access: 'loan:read' },
  { route: 'reversal-requests', method: 'GET', access: 'loan:read' },
  { route: 'reversal-requests/[id]/decision', method: 'POST', access: 'loan:risk' },
  { route: 'reconciliations', method: 'GET', access: 'loan:read' },
  { route: 'reconciliations', method: 'POST', access: 'reconcile:run' },
  { route: 'reconciliations/[id]', method: 'GET', access: 'loan:read' },
  { route: 'reconciliations/[id]/reconcile', method: 'POST', access: 'reconcile:run' },
  { route: 'programmes', method: 'POST', access: 'programme:manage' },
  { route: 'savings/accounts', method: 'GET', access: 'savings:read' },
  { route: 'loans', method: 'GET', access: 'loan:read' },
  { route: 'loans', method: 'POST', access: 'loan:apply' },
  { route: 'loans/[id]', method: 'GET', access: 'loan:read', resource: 'loan' },
  ...LOAN_ACTIONS.map(([action, access]): RouteDeclaration => ({ route: 'loans/[id]/[action]', method: 'POST', access, params: { action } })),
  { route: 'groups/[id]/collection-sheet', method: 'GET', access: 'loan:read', resource: 'group', query: 'month=2026-06' },
  { route: 'groups/[id]/collection-sheet', method: 'POST', access: 'loan:apply' },
  { route: 'groups/[id]/collection-sheet/xlsx', method: 'GET', access: 'loan:read', resource: 'group', query: 'month=2026-06' },
  { route: 'groups/[id]/collection-sheet/xlsx', method: 'POST', access: 'loan:apply' },
  { route: 'groups/[id]/disbursements', method: 'POST', access: 'loan:apply' },
  { route: 'groups/[id]/ratings', method: 'GET', access: 'inspection:read', resource: 'group' },
  { route: 'groups/[id]/ratings', method: 'POST', access: 'inspection:write' },
  { route: 'groups/ratings', method: 'GET', access: 'inspection:read', query: 'year=2026' },
  { route: 'savings/accounts', method: 'POST', access: 'savings:post' },
  { route: 'savings/[accountId]/[action]', method: 'POST', access: 'savings:post', params: { action: 'deposits' } },
  { route: 'savings/[accountId]/[action]', method: 'POST', access: 'savings:post', params: { action: 'withdrawals' } },
  { route: 'savings/[accountId]/[action]', method: 'POST', access: 'savings:post', params: { action: 'reversals' } },
  { route: 'inspections', method: 'GET', access: 'inspection:read' },
  { route: 'inspections', method: 'POST', access: 'inspection:write' },
  { route: 'inspections/[id]', method: 'GET', access: 'inspection:read' },
  { route: 'inspections/[id]/findings', method: 'POST', access: 'inspection:write' },
  { route: 'inspections/[id]/attachments', method: 'POST', access: 'inspection:write' },
  { route: 'inspections/[id]/attachments/[attachmentId]', method: 'GET', access: 'inspection:read' },
  { route: 'inspections/plans', method: 'GET', access: 'inspection:read' },
  { route: 'inspections/plans', method: 'POST', access: 'inspection:write' },
  { route: 'inspections/coverage', method: 'GET', access: 'inspection:read', query: PERIOD },
  { route: 'inspections/appraisal-coverage', method: 'GET', access: 'inspection:read', query: PERIOD },
  { route: 'follow-ups/[id]/close', method: 'POST', access: 'inspection:write' },
  { route: 'fees/rates', method: 'GET', access: 'fees:read' },
  { route: 'fees/rates', method: 'POST', access: 'fund:manage' },
  { route: 'fees/shares', method: 'POST', access: 'fund:manage' },
  { route: 'fees/statements', method: 'GET', access: 'fees:read', query: 'month=2026-06' },
  { route: 'fees/statements', method: 'POST', access: 'fees:compute' },
  { route: 'fund/balance', method: 'GET', access: 'fund:read' },
  { route: 'fund/allowances', method: 'GET', access: 'fund:read', query: 'fromMonth=2026-04&toMonth=2026-06' },
  { route: 'fund/allocations', method: 'GET', access: 'fund:read' },
  { route: 'fund/allocations', method: 'POST', access: 'fund:manage' },
  { route: 'fund/allowance-rules', method: 'POST', access: 'fund:manage' },
  { route: 'fund/settlements', method: 'GET', access: 'fund:read' },
  { route: 'fund/settlements', method: 'POST', access: 'fund:request' },
  { route: 'fund/settlements/[id]', method: 'GET', access: 'fund:read' },
  { route: 'fund/settlements/[id]/decision', method: 'POST', access: 'fund:manage' },
  { route: 'fund/settlements/[id]/transfers', method: 'POST', access: 'fund:manage' },
  { route: 'fund/settlements/[id]/close', method: 'POST', access: 'fund:manage' },
  { route: 'reports/summary', method: 'GET', access: 'loan:read', query: PERIOD },
  { route: 'reports/bank/[kind]', method: 'GET', access: 'loan:read', params: { kind: 'overdue' }, query: PERIOD },
  { route: 'reports/bank-portfolio', method: 'POST', access: 'report:reference' },
  { route: 'reports/narrative', method: 'GET', access: 'loan:read', query: 'year=2026' },
  { route: 'reports/narrative/docx', method: 'POST', access: 'loan:read' },
];

/** Every server action (forms of the pages) and the permission its service requires. */
export const ACTION_MANIFEST: { file: string; name: string; access: Access | 'locale' }[] = [
  { file: 'app/actions.ts', name: 'setLocale', access: 'locale' },
  ...([
    ['fees', 'computeFeeMonthAction', 'fees:compute'], ['fees', 'addFeeRateAction', 'fund:manage'], ['fees', 'addFeeShareAction', 'fund:manage'],
    ['fund', 'allocationAction', 'fund:manage'], ['fund', 'allowanceRuleAction', 'fund:manage'], ['fund', 'requestSettlementAction', 'fund:request'],
    ['fund', 'decideSettlementAction', 'fund:manage'], ['fund', 'settlementTransferAction', 'fund:manage'], ['fund', 'closeSettlementAction', 'fund:manage'],
    ['groups', 'createGroupAction', 'register:write'], ['groups', 'updateGroupAction', 'register:write'], ['groups', 'mergeGroupsAction', 'register:write'],
    ['groups', 'dissolveGroupAction', 'register:write'], ['groups', 'rateGroupAction', 'inspection:write'],
    ['jobs', 'runJobNowAction', 'jobs:run'],
    ['breaches', 'recordBreachAction', 'audit:read'], ['breaches', 'recordBreachNoticeAction', 'audit:read'], ['breaches', 'closeBreachAction', 'audit:read'],
    ['inspections', 'createPlanAction', 'inspection:write'], ['inspections', 'recordInspectionAction', 'inspection:write'], ['inspections', 'addFindingsAction', 'inspection:write'],
    ['inspections', 'uploadAttachmentAction', 'inspection:write'], ['inspections', 'closeFollowUpAction', 'inspection:write'],
    ['loans', 'applyForLoanAction', 'loan:apply'], ['loans', 'appraiseAction', 'loan:apply'], ['loans', 'approveAction', 'loan:approve'], ['loans', 'rejectAction', 'loan:approve'],
    ['loans', 'disburseAction', 'loan:apply'], ['loans', 'repayAction', 'loan:apply'], ['loans', 'reverseAction', 'loan:risk'], ['loans', 'extendAction', 'loan:risk'],
    ['loans', 'freezeAction', 'loan:risk'], ['loans', 'writeOffAction', 'loan:risk'], ['loans', 'disburseGroupAction', 'loan:apply'],
    ['loans', 'requestReversalAction', 'loan:apply'], ['loans', 'decideReversalAction', 'loan:risk'],
    ['members', 'createMemberAction', 'register:write'], ['members', 'updateMemberAction', 'register:write'], ['members', 'transferMemberAction', 'register:write'],
    ['members', 'leaveMemberAction', 'register:write'], ['members', 'choosePurposeAction', 'register:read'], ['members', 'recordConsentAction', 'register:write'],
    ['members', 'restrictMemberAction', 'register:write'], ['members', 'liftRestrictionAction', 'register:write'], ['members', 'eraseMemberAction', 'register:write'],
    ['audit/personal-data', 'setRetentionAction', 'audit:read'],
    ['org-units', 'createOrgUnitAction', 'org:manage'], ['org-units', 'renameOrgUnitAction', 'org:manage'], ['org-units', 'moveOrgUnitAction', 'org:manage'],
    ['org-units', 'setOrgUnitActiveAction', 'org:manage'], ['org-units', 'deleteOrgUnitAction', 'org:manage'], ['org-units', 'saveBankOfficeAction', 'org:manage'],
    ['programmes', 'createProgrammeAction', 'programme:manage'], ['programmes', 'addRateAction', 'programme:manage'], ['programmes', 'setProgrammeActiveAction', 'programme:manage'],
    ['reports', 'bankFigureAction', 'report:reference'],
    ['reconciliation', 'markReconciledAction', 'reconcile:run'],
    ['savings', 'openAccountAction', 'savings:post'], ['savings', 'savingsMovementAction', 'savings:post'], ['savings', 'createSchemeAction', 'programme:manage'],
    ['savings', 'updateSchemeAction', 'programme:manage'],
    ['users', 'createUserAction', 'user:manage'], ['users', 'updateUserAction', 'user:manage'], ['users', 'setUserActiveAction', 'user:manage'],
    ['users', 'resetPasswordAction', 'user:manage'], ['users', 'revokeTokenAction', 'self'],
  ] as [string, string, Access][]).map(([page, name, access]) => ({ file: `app/(app)/${page}/actions.ts`, name, access })),
];
