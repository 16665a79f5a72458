import type { Actor } from '@/lib/auth/actor';
import { db, type Member } from '@/lib/db';
import { openSavingsAccount } from '@/lib/savings';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';
import { disbursedLoanOn } from './fund';
import { ensureProgrammes } from './loans';
import { actorFor, createOrgTree } from './org';
import { addMembers, makeGroup } from './registers';

/** The demo savings schemes (TKTV: 200.000 – 500.000 ₫ a month ...), created once per test database. */
export async function ensureSavingsSchemes() {
  if ((await db.savingsScheme.count()) === 0) await db.$transaction((tx) => seedSavingsSchemes(tx));
  return Object.fromEntries((await db.savingsScheme.findMany()).map((s) => [s.code, s]));
}

/**
 * A group of its own (fresh org tree, so nothing else is in the officer's scope) meeting on
 * `meetingDay`, with `members` members: the first `borrowers` each have an HN loan of `loanAmount`
 * for 12 months disbursed on `disbursedOn` through the real services, and every member has a
 * member savings (TKTV) account opened on `savingsFrom`.
 */
export async function groupWithLoans(opts: {
  meetingDay: number; members: number; borrowers: number; loanAmount: string; disbursedOn: string; savingsFrom: string;
}) {
  const tree = await createOrgTree();
  const commune = tree.communes[0]!;
  const officer: Actor = await actorFor('COMMUNE_OFFICER', commune);
  const approver: Actor = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  const programmes = await ensureProgrammes();
  const schemes = await ensureSavingsSchemes();
  const group = await db.group.update({ where: { id: (await makeGroup(commune)).id }, data: { meetingDay: opts.meetingDay } });
  const members: Member[] = await addMembers(commune, group.id, opts.members);
  const loans = [];
  for (const member of members.slice(0, opts.borrowers)) {
    loans.push(await disbursedLoanOn(officer, approver, member, programmes.HN!, opts.loanAmount, opts.disbursedOn));
  }
  const accounts = [];
  for (const member of members) {
    accounts.push(await openSavingsAccount(officer, { memberId: member.id, schemeId: schemes.TKTV!.id, openedAt: opts.savingsFrom }));
  }
  return { tree, commune, officer, approver, group, members, loans, accounts };
}
