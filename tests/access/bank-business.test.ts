import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { homeOf, loadRouteHandlers, type OrgTree, type RouteHandler } from './route-harness';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { ensureProgrammes } from '@/tests/factories/loans';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ROUTE_MANIFEST, type RouteDeclaration } from '@/lib/api/manifest';
import type { Actor } from '@/lib/auth/actor';
import { issueApiToken } from '@/lib/auth/api-token';
import { can } from '@/lib/auth/permissions';
import { setClock } from '@/lib/clock';
import { db } from '@/lib/db';
import { BANK_REPORTS } from '@/lib/reports/bank';
import { openSavingsAccount, postSavingsMovement } from '@/lib/savings';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';

// The bank sees the bank's business only (issue 21): every GET of the API a bank liaison may call —
// lists, reports in every format, exports — walked with the union's own money planted beside the
// bank's in her area: a revolving-fund group with a QQV loan, member and chapter-pool savings. Not
// one of their marks may appear; the bank's own loan and savings must (so the walk cannot pass by
// showing nothing); reads of the union's records by id answer 404.

useTestDatabase();

let handlers = new Map<string, RouteHandler>();
let tree: OrgTree;
let liaison: Actor & { token: string };
const bank = { groupId: '', loanId: '', loanNumber: '' };
const union = { groupId: '', loanId: '', loanNumber: '' };
/** What would betray the union's money: its group, loan, programme, savings schemes and amounts. */
let unionMarks: string[] = [];

beforeAll(async () => {
  setClock('2026-06-30');
  handlers = await loadRouteHandlers();
  tree = await createOrgTree();
  const programmes = await ensureProgrammes();
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  const schemes = Object.fromEntries((await db.savingsScheme.findMany()).map((s) => [s.code, s]));
  const commune = tree.communes[0]!;
  const officer = await actorFor('COMMUNE_OFFICER', commune);
  const leader = await actorFor('DISTRICT_LEADER', homeOf('DISTRICT_LEADER', tree));
  const base = await actorFor('BANK_LIAISON', homeOf('BANK_LIAISON', tree));
  liaison = { ...base, token: (await issueApiToken(base.userId, base.username, null)).token };

  const vbsp = await makeGroup(commune, 'VBSP', 'TK-NGANHANG');
  const [borrower] = await addMembers(commune, vbsp.id, 1);
  const loan = await disbursedLoanOn(officer, leader, borrower!, programmes.HN!, '12.000.000', '2026-02-10');
  Object.assign(bank, { groupId: vbsp.id, loanId: loan.id, loanNumber: loan.number });
  const bankSavings = await openSavingsAccount(officer, { memberId: borrower!.id, schemeId: schemes.TKNH!.id, openedAt: '2026-02-10' });
  await postSavingsMovement(officer, bankSavings.id, 'DEPOSIT', { date: '2026-03-05', amount: '250.000' });
  // The union's own: the borrower's chapter-pool savings; a revolving-fund group with its loan and member savings.
  const pool = await openSavingsAccount(officer, { memberId: borrower!.id, schemeId: schemes.TKCH!.id, openedAt: '2026-02-10' });
  await postSavingsMovement(officer, pool.id, 'DEPOSIT', { date: '2026-03-05', amount: '777.000' });
  const fund = await makeGroup(commune, 'REVOLVING', 'QQV-RIENG');
  const [fundBorrower] = await addMembers(commune, fund.id, 1);
  await db.member.update({ where: { id: fundBorrower!.id }, data: { fullName: 'Lê Thị Quỹ Riêng', searchName: 'le thi quy rieng' } });
  const fundLoan = await disbursedLoanOn(officer, leader, fundBorrower!, programmes.QQV!, '9.000.000', '2026-02-11');
  Object.assign(union, { groupId: fund.id, loanId: fundLoan.id, loanNumber: fundLoan.number });
  const member = await openSavingsAccount(officer, { memberId: fundBorrower!.id, schemeId: schemes.TKTV!.id, openedAt: '2026-02-11' });
  await postSavingsMovement(officer, member.id, 'DEPOSIT', { date: '2026-03-06', amount: '333.000' });
  unionMarks = ['QQV-RIENG', fundLoan.number, 'Quỹ Riêng', 'TKCH', 'TKTV', 'CHAPTER_POOL', 'GROUP_MEMBER', 'Quỹ quay vòng', '"QQV"', '9000000', '777000', '333000', '9.000.000', '777.000', '333.000'];
}, 180_000);

afterAll(() => setClock(null));

async function get(route: string, params: Record<string, string>, query = '') {
  const handler = handlers.get(`GET ${route}`)!;
  const url = `http://127.0.0.1/api/v1/${route.replace(/\[(\w+)\]/g, (_, name: string) => params[name]!)}${query ? `?${query}` : ''}`;
  const response = await handler(new Request(url, { headers: { authorization: `Bearer ${liaison.token}` } }), { params: Promise.resolve(params) });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()).toString('utf8') };
}

const readable = (d: RouteDeclaration) => d.method === 'GET' && (d.access === 'self' || (d.access !== 'public' && can('BANK_LIAISON', d.access)));
const leaks = (body: string) => unionMarks.filter((mark) => body.includes(mark));

describe('a bank liaison', () => {
  it('reads no mark of the union\'s money in any list, report or export of the API', async () => {
    const calls: { label: string; route: string; params: Record<string, string>; query: string }[] = [];
    for (const d of ROUTE_MANIFEST.filter(readable)) {
      const dynamic = [...d.route.matchAll(/\[(\w+)\]/g)].map(([, name]) => name!);
      if (d.resource) {
        calls.push({ label: d.route, route: d.route, params: { id: d.resource === 'loan' ? bank.loanId : d.resource === 'group' ? bank.groupId : tree.communes[0]!.id }, query: d.query ?? '' });
      } else if (d.route === 'reports/bank/[kind]') {
        for (const kind of Object.keys(BANK_REPORTS)) for (const format of ['json', 'csv']) calls.push({ label: `${d.route} ${kind} ${format}`, route: d.route, params: { kind }, query: `${d.query}&format=${format}` });
      } else if (d.route === 'exports/[kind]') {
        for (const kind of ['members', 'groups', 'loans', 'savings']) calls.push({ label: `${d.route} ${kind}`, route: d.route, params: { kind }, query: 'format=csv' });
      } else if (dynamic.length === 0) {
        calls.push({ label: d.route, route: d.route, params: {}, query: d.query ?? '' });
      }
    }
    const found: string[] = [];
    let bankSeen = 0;
    for (const c of calls) {
      const { status, body } = await get(c.route, c.params, c.query);
      if (status >= 500) found.push(`${c.label} → ${status}`);
      for (const mark of leaks(body)) found.push(`${c.label}: ${mark}`);
      if (body.includes(bank.loanNumber) || body.includes('TK-NGANHANG')) bankSeen += 1;
    }
    expect(found).toEqual([]);
    // The bank's own business is there: the loan list, the loan, the sheet, the reports, the exports.
    expect(bankSeen).toBeGreaterThanOrEqual(8);
    expect(calls.length).toBeGreaterThan(25);
  });

  it('cannot open the union\'s group, loan, its sheet or the revolving fund by id or route', async () => {
    for (const [route, id] of [['loans/[id]', union.loanId], ['groups/[id]/collection-sheet', union.groupId], ['groups/[id]/collection-sheet/xlsx', union.groupId], ['groups/[id]/ratings', union.groupId]] as const) {
      expect((await get(route, { id }, 'month=2026-03')).status, route).toBe(404);
    }
    for (const route of ['fund/balance', 'fund/allocations', 'fund/settlements']) expect((await get(route, {})).status, route).toBe(403);
    // The summary report: VBSP whatever she asks; the fund's programme is not hers to name.
    const summary = JSON.parse((await get('reports/summary', {}, 'from=2026-01-01&to=2026-06-30&fundSource=REVOLVING')).body);
    expect(summary.disbursed.amount).toBe(12_000_000);
    expect(summary.filters.fundSource).toBe('VBSP');
    expect((await get('reports/summary', {}, 'from=2026-01-01&to=2026-06-30&programme=QQV')).status).toBe(422);
  });
});
