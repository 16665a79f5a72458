import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { todayInVietnam } from '@/lib/clock';
import { db, type Tx } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { flowsByCommune } from '@/lib/ledger/posting-sums';
import { balanceSchema, type BalanceInput } from '@/lib/fees/schemas';
import { findOrgUnitInScope } from '@/lib/org/find-org-unit';
import { allowanceLines } from './allowances';

const BEGINNING = new Date(Date.UTC(2000, 0, 1));

const ALLOCATION_FIELD = { ALLOCATE: 'allocated', RETURN: 'returned', HANDOVER_IN: 'handedIn', HANDOVER_OUT: 'handedOut' } as const;

export interface CommuneFund {
  allocated: bigint;
  returned: bigint;
  disbursed: bigint;
  principalRepaid: bigint;
  interestCollected: bigint;
  allowancesPaid: bigint;
  writtenOff: bigint;
  movedIn: bigint;
  movedOut: bigint;
  /** Cash handed over by a reorganisation: received from ended communes, or given to the successor. */
  handedIn: bigint;
  handedOut: bigint;
  outstanding: bigint;
  /** allocated − returned + handed in − handed out − disbursed + principal repaid + interest − allowances. */
  cashOnHand: bigint;
}

const empty = (): CommuneFund => ({
  allocated: 0n, returned: 0n, disbursed: 0n, principalRepaid: 0n, interestCollected: 0n, allowancesPaid: 0n, writtenOff: 0n,
  movedIn: 0n, movedOut: 0n, handedIn: 0n, handedOut: 0n, outstanding: 0n, cashOnHand: 0n,
});

/**
 * The revolving fund of every commune in a subtree as of a date, from the capital allocations and
 * the loan ledger alone: what the province allocated (and took back), lent, collected, paid out in
 * allowances and wrote off; what is still lent out; the cash the commune's board should hold.
 * It reconciles: cash + outstanding + written off = capital + moved in − moved out + interest − allowances
 * (a loan moved to another commune's board takes its outstanding principal along, not cash).
 */
export async function fundsByCommune(tx: Tx, path: string, asOf: Date): Promise<Map<string, CommuneFund>> {
  const [flows, allocations, allowances] = await Promise.all([
    flowsByCommune(tx, { path, fundSource: 'REVOLVING' }, BEGINNING, asOf),
    tx.fundAllocation.groupBy({ by: ['orgUnitId', 'kind'], where: { date: { lte: asOf }, orgUnit: { path: { startsWith: path } } }, _sum: { amount: true } }),
    allowanceLines(tx, path, BEGINNING, asOf),
  ]);
  const funds = new Map<string, CommuneFund>();
  const fund = (id: string) => funds.get(id) ?? (funds.set(id, empty()), funds.get(id)!);
  for (const { orgUnitId, ...flow } of flows) Object.assign(fund(orgUnitId), flow);
  for (const a of allocations) fund(a.orgUnitId)[ALLOCATION_FIELD[a.kind]] += a._sum.amount ?? 0n;
  for (const line of allowances) fund(line.orgUnitId).allowancesPaid += line.unionOfficers + line.groupOfficers;
  for (const f of funds.values()) {
    f.cashOnHand = f.allocated - f.returned + f.handedIn - f.handedOut - f.disbursed + f.principalRepaid + f.interestCollected - f.allowancesPaid;
  }
  return funds;
}

export type FundStatus = 'ACTIVE' | 'SETTLING' | 'SETTLED';

/** Each commune's standing in the fund: settled once closed, settling from approval to closing. */
export async function fundStatuses(tx: Tx, orgUnitIds: string[]): Promise<Map<string, FundStatus>> {
  const settlements = await tx.fundSettlement.findMany({ where: { orgUnitId: { in: orgUnitIds }, status: { in: ['APPROVED', 'CLOSED'] } } });
  const statuses = new Map<string, FundStatus>(orgUnitIds.map((id) => [id, 'ACTIVE']));
  for (const s of settlements) if (statuses.get(s.orgUnitId) !== 'SETTLED') statuses.set(s.orgUnitId, s.status === 'CLOSED' ? 'SETTLED' : 'SETTLING');
  return statuses;
}

/** The fund balance of a unit's subtree: a row per commune with its status, and the totals. */
export async function fundBalance(actor: Actor, input: BalanceInput = {}) {
  assertCan(actor, 'fund:read');
  const { orgUnitId, asOf: given } = parseInput(balanceSchema, input);
  const unit = await findOrgUnitInScope(actor, orgUnitId ?? actor.orgUnitId);
  const asOf = given ?? todayInVietnam();
  const funds = await fundsByCommune(db, unit.path, asOf);
  const [units, statuses] = await Promise.all([
    db.orgUnit.findMany({
      where: { id: { in: [...funds.keys()] } },
      select: { id: true, code: true, name: true, revolvingFund: true, parent: { select: { name: true } } },
    }),
    fundStatuses(db, [...funds.keys()]),
  ]);
  const communes = units
    .map((u) => ({ orgUnit: { id: u.id, code: u.code, name: u.name, district: u.parent?.name ?? '' }, fund: u.revolvingFund, status: statuses.get(u.id)!, ...funds.get(u.id)! }))
    .sort((a, b) => a.orgUnit.code.localeCompare(b.orgUnit.code));
  const totals = empty();
  for (const c of communes) for (const key of Object.keys(totals) as (keyof CommuneFund)[]) totals[key] += c[key];
  const count = (status: FundStatus) => communes.filter((c) => c.status === status).length;
  // Merged provinces that kept their funds separate: a subtotal per fund (null: the province's own).
  const byFund = new Map<string | null, CommuneFund>();
  for (const c of communes) {
    const sum = byFund.get(c.fund) ?? (byFund.set(c.fund, empty()), byFund.get(c.fund)!);
    for (const key of Object.keys(sum) as (keyof CommuneFund)[]) sum[key] += c[key];
  }
  return {
    orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    asOf,
    communes,
    totals,
    funds: byFund.size > 1 || [...byFund.keys()].some((k) => k !== null)
      ? [...byFund].map(([fund, sums]) => ({ fund, ...sums })).sort((a, b) => (a.fund ?? '').localeCompare(b.fund ?? '', 'vi'))
      : [],
    communeCount: { active: count('ACTIVE'), settling: count('SETTLING'), settled: count('SETTLED') },
  };
}
