import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { db } from '@/lib/db';
import { computeLoanState, payableOn, type LoanEvent } from '@/lib/loans/engine/ledger';
import { addMonths } from '@/lib/loans/engine/dates';
import { termsOf, type LoanWithTerms } from '@/lib/loans/loan-terms';
import { makeNationalId } from '@/lib/members/national-id';
import { seedProgrammes } from '@/lib/programmes/seed-programmes';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';

// The import benchmark's world and files: a province with one district of communes and groups (no
// members yet), then a district's history as the documented imports take it — members, their
// disbursed loans, the repayments on those loans (each split as the ledger splits it) and savings
// movements. Deterministic; sizes scale together.

export interface ImportBenchSizes {
  members: number;
  loans: number;
  repayments: number;
  savings: number;
}

export const FULL_SIZES: ImportBenchSizes = { members: 20_000, loans: 10_000, repayments: 50_000, savings: 50_000 };
const MEMBERS_PER_GROUP = 40;
const GROUPS_PER_COMMUNE = 25;
const SAVINGS_PER_ACCOUNT = 10;

/** Creates the province, its communes and groups, the programmes and schemes; returns an administrator. */
export async function createBenchWorld(sizes: ImportBenchSizes): Promise<{ admin: Actor; communeCodes: string[] }> {
  const groups = Math.ceil(sizes.members / MEMBERS_PER_GROUP);
  const communes = Math.ceil(groups / GROUPS_PER_COMMUNE);
  const provinceId = randomUUID();
  const districtId = randomUUID();
  const communeRows = Array.from({ length: communes }, (_, i) => {
    const id = randomUUID();
    return { id, code: `BX${String(i + 1).padStart(3, '0')}`, name: `Xã ${i + 1}`, level: 'COMMUNE' as const, parentId: districtId, path: `/${provinceId}/${districtId}/${id}/` };
  });
  await db.orgUnit.createMany({
    data: [
      { id: provinceId, code: 'BT', name: 'Tỉnh đo', level: 'PROVINCE', path: `/${provinceId}/` },
      { id: districtId, code: 'BH', name: 'Huyện đo', level: 'DISTRICT', parentId: provinceId, path: `/${provinceId}/${districtId}/` },
      ...communeRows,
    ],
  });
  await db.group.createMany({
    data: Array.from({ length: groups }, (_, g) => ({
      orgUnitId: communeRows[Math.floor(g / GROUPS_PER_COMMUNE)]!.id, code: `T${String(g % GROUPS_PER_COMMUNE).padStart(2, '0')}`, name: `Tổ ${g}`, programmeKind: 'VBSP' as const,
    })),
  });
  await db.$transaction(async (tx) => {
    await seedProgrammes(tx);
    await seedSavingsSchemes(tx);
  });
  const user = await db.user.create({ data: { username: 'bench-admin', fullName: 'Đo nhập', role: 'ADMIN', orgUnitId: provinceId, passwordHash: 'x' } });
  return { admin: (await loadActor(user.id))!, communeCodes: communeRows.map((c) => c.code) };
}

const memberOf = (i: number, communeCodes: string[]) => {
  const group = Math.floor(i / MEMBERS_PER_GROUP);
  return {
    communeCode: communeCodes[Math.floor(group / GROUPS_PER_COMMUNE)]!,
    groupCode: `T${String(group % GROUPS_PER_COMMUNE).padStart(2, '0')}`,
    code: `TV${String(i + 1).padStart(6, '0')}`,
    nationalId: makeNationalId('001', 'FEMALE', 1980 + (i % 20), i),
    birthYear: String(1980 + (i % 20)),
  };
};

export function memberRows(sizes: ImportBenchSizes, communeCodes: string[]) {
  const joinedAt = formatDateOnly(addMonths(todayInVietnam(), -24));
  return Array.from({ length: sizes.members }, (_, i) => {
    const m = memberOf(i, communeCodes);
    return {
      communeCode: m.communeCode, groupCode: m.groupCode, code: m.code, fullName: `Nguyễn Thị Đo ${i}`, gender: 'Nữ', birthYear: m.birthYear,
      nationalId: m.nationalId, phone: '0912345678', address: 'Xóm 1', householdCategory: 'Hộ nghèo', isUnionMember: 'Có', chapterCode: '',
      joinedAt, status: '', leftAt: '',
    };
  });
}

/** Loan i: member i, programme HN, disbursed 6–17 months ago, 36 months, monthly principal. */
const loanOf = (i: number) => ({
  number: `KU-DO-${String(i + 1).padStart(6, '0')}`,
  disbursedAt: addMonths(todayInVietnam(), -(6 + (i % 12))),
  amount: BigInt(10_000_000 + (i % 20) * 1_000_000),
  termMonths: 36,
});

export function loanRows(sizes: ImportBenchSizes, communeCodes: string[]) {
  return Array.from({ length: sizes.loans }, (_, i) => {
    const l = loanOf(i);
    const m = memberOf(i, communeCodes);
    return {
      number: l.number, communeCode: m.communeCode, nationalId: m.nationalId, programmeCode: 'HN', disbursedAt: formatDateOnly(l.disbursedAt),
      amount: l.amount.toString(), termMonths: String(l.termMonths), rate: '0,55', frequency: 'Hằng tháng', purpose: 'Chăn nuôi',
    };
  });
}

/**
 * Repayments of the loans, one a month on each due date paying what is due (so every row is on
 * time): the principal and interest the ledger gives, or the principal alone (`principalOnly`).
 */
export async function repaymentRows(sizes: ImportBenchSizes, { principalOnly = false } = {}) {
  const programme = await db.programme.findUniqueOrThrow({ where: { code: 'HN' }, include: { rates: true } });
  const perLoan = Math.ceil(sizes.repayments / sizes.loans);
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < sizes.loans && rows.length < sizes.repayments; i++) {
    const l = loanOf(i);
    const terms = termsOf({ number: l.number, disbursedAt: l.disbursedAt, amountDisbursed: l.amount, termMonths: l.termMonths, programme } as LoanWithTerms);
    const events: LoanEvent[] = [];
    for (let k = 1; k <= perLoan && rows.length < sizes.repayments; k++) {
      const date = addMonths(l.disbursedAt, k);
      const amount = payableOn(computeLoanState(terms, events, date));
      events.push({ kind: 'PAYMENT', id: String(k), date, amount });
      const split = computeLoanState(terms, events, date).allocations.get(String(k))!;
      const principal = split.overduePrincipal + split.principal + split.prepayment;
      const interest = split.interest + split.overdueInterest;
      rows.push({ number: l.number, date: formatDateOnly(date), principal: principal.toString(), interest: principalOnly ? '' : interest.toString() });
    }
  }
  return rows;
}

/** Savings: an opening balance, then a deposit a month, for as many members as the size needs. */
export function savingsRows(sizes: ImportBenchSizes, communeCodes: string[]) {
  const rows: Record<string, string>[] = [];
  const start = addMonths(todayInVietnam(), -SAVINGS_PER_ACCOUNT);
  for (let i = 0; rows.length < sizes.savings; i++) {
    const m = memberOf(i % sizes.members, communeCodes);
    for (let k = 0; k < SAVINGS_PER_ACCOUNT && rows.length < sizes.savings; k++) {
      rows.push({
        communeCode: m.communeCode, memberCode: m.code, scheme: 'TKTV', kind: k === 0 ? 'Số dư đầu kỳ' : 'Gửi',
        date: formatDateOnly(addMonths(start, k)), amount: k === 0 ? '1.500.000' : String(200_000 + (i % 4) * 100_000),
      });
    }
  }
  return rows;
}
