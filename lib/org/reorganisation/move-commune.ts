import { randomUUID } from 'node:crypto';
import { Prisma, type OrgUnit, type Tx } from '@/lib/db';
import { addDays } from '@/lib/loans/engine/dates';

// What the ended communes hold moves to their successors on the effective date, in a few bulk
// statements for all of them at once (a province moves 100 000 members and 120 000 loans; the
// ledger snapshots' triggers then rebuild each group once, not once per commune). Nothing dated
// before is rewritten: loans get a LoanMove (postings before the date stay with the old commune in
// every figure), groups, members and savings accounts a RecordMove (reports dated before read their
// unit then), the chapters are succeeded by new chapters of the successor, and the fund's cash on
// hand is handed over by two dated entries.

export interface CommuneMoveCounts {
  groups: number;
  members: number;
  loans: number;
  savingsAccounts: number;
  openFollowUps: number;
  chapters: number;
}

export interface CommuneMove {
  from: OrgUnit;
  to: Pick<OrgUnit, 'id' | 'code' | 'path'>;
  /** The fund's cash on hand of the old commune's board the day before. */
  cashOnHand: bigint;
}

const MAX_CODE = 30;

export async function moveCommunes(tx: Tx, moves: CommuneMove[], date: Date, reorganisationId: string, decisionNo: string): Promise<CommuneMoveCounts> {
  if (moves.length === 0) return { groups: 0, members: 0, loans: 0, savingsAccounts: 0, openFollowUps: 0, chapters: 0 };
  const dayBefore = addDays(date, -1);
  const chapters: { from: string; to: string }[] = [];
  for (const move of moves) chapters.push(...(await succeedChapters(tx, move.from, move.to, date, dayBefore)));
  // The old → new mapping as a relation: o (old commune), n (successor), code (old code), ord (file order).
  const map = Prisma.sql`unnest(${moves.map((m) => m.from.id)}::uuid[], ${moves.map((m) => m.to.id)}::uuid[], ${moves.map((m) => m.from.code)}::text[],
    ${moves.map((_, i) => i)}::int[]) AS m(o, n, code, ord)`;
  const chapterOf = Prisma.sql`(SELECT c.n FROM unnest(${chapters.map((c) => c.from)}::uuid[], ${chapters.map((c) => c.to)}::uuid[]) AS c(o, n) WHERE c.o = x."chapterId")`;
  // A code the successor already has, or that an earlier old commune brings along (two merged
  // communes both had group "TK-01"), takes the old commune's code in front.
  const codeIn = (table: 'Group' | 'Member') => Prisma.sql`CASE
    WHEN x."code" IS NOT NULL AND (row_number() OVER (PARTITION BY m.n, x."code" ORDER BY m.ord) > 1
      OR EXISTS (SELECT 1 FROM ${Prisma.raw(`"${table}"`)} y WHERE y."orgUnitId" = m.n AND y."code" = x."code"))
    THEN left(m.code || '-' || x."code", ${MAX_CODE}) ELSE x."code" END`;

  const recordMoves = (kind: string, table: string, code: Prisma.Sql) => tx.$executeRaw`
    INSERT INTO "RecordMove" ("kind", "recordId", "date", "fromOrgUnitId", "toOrgUnitId", "fromCode", "reorganisationId")
    SELECT ${kind}, x."id", ${date}::date, m.o, m.n, ${code}, ${reorganisationId}::uuid FROM ${Prisma.raw(`"${table}"`)} x JOIN ${map} ON m.o = x."orgUnitId"`;
  await recordMoves('GROUP', 'Group', Prisma.sql`x."code"`);
  const groups = await tx.$executeRaw`
    UPDATE "Group" g SET "orgUnitId" = x.n, "chapterId" = x.chapter, "code" = x.new_code
    FROM (SELECT x."id", m.n, ${chapterOf} AS chapter, ${codeIn('Group')} AS new_code FROM "Group" x JOIN ${map} ON m.o = x."orgUnitId") x
    WHERE g."id" = x."id"`;
  // Members, every one (those who left keep their record with the commune that now holds it).
  await recordMoves('MEMBER', 'Member', Prisma.sql`x."code"`);
  const members = await tx.$executeRaw`
    UPDATE "Member" g SET "orgUnitId" = x.n, "chapterId" = x.chapter, "code" = x.new_code
    FROM (SELECT x."id", m.n, ${chapterOf} AS chapter, ${codeIn('Member')} AS new_code FROM "Member" x JOIN ${map} ON m.o = x."orgUnitId") x
    WHERE g."id" = x."id"`;

  // Loans, every one: the move is noted (the ledger's snapshots read it) and the loan's commune changes.
  await tx.$executeRaw`
    INSERT INTO "LoanMove" ("loanId", "date", "fromGroupId", "toGroupId", "fromOrgUnitId", "toOrgUnitId", "principal")
    SELECT x."id", ${date}::date, x."groupId", x."groupId", m.o, m.n, x."cachedOutstanding" FROM "Loan" x JOIN ${map} ON m.o = x."orgUnitId"`;
  const loans = await tx.$executeRaw`UPDATE "Loan" x SET "orgUnitId" = m.n FROM ${map} WHERE x."orgUnitId" = m.o`;

  await recordMoves('SAVINGS_ACCOUNT', 'SavingsAccount', Prisma.sql`NULL`);
  const savingsAccounts = await tx.$executeRaw`UPDATE "SavingsAccount" x SET "orgUnitId" = m.n FROM ${map} WHERE x."orgUnitId" = m.o`;

  // Work still to do goes along; what is done stays where it was done.
  const openFollowUps = await tx.$executeRaw`UPDATE "FollowUp" x SET "orgUnitId" = m.n FROM ${map} WHERE x."orgUnitId" = m.o AND x."status" = 'OPEN'`;
  const month = date.toISOString().slice(0, 7);
  await tx.$executeRaw`UPDATE "FeeStatementLine" x SET "orgUnitId" = m.n FROM ${map} WHERE x."orgUnitId" = m.o AND x."month" >= ${month}`;

  await tx.fundAllocation.createMany({
    data: moves.filter((m) => m.cashOnHand !== 0n).flatMap(({ from, to, cashOnHand: amount }) => {
      const note = `Bàn giao khi sắp xếp đơn vị: ${from.code} → ${to.code}`;
      return [
        { orgUnitId: from.id, kind: 'HANDOVER_OUT' as const, date, amount, decisionNo, note },
        { orgUnitId: to.id, kind: 'HANDOVER_IN' as const, date, amount, decisionNo, note },
      ];
    }),
  });
  return { groups, members, loans, savingsAccounts, openFollowUps, chapters: chapters.length };
}

/**
 * Each chapter of the old commune ends and a chapter of the same name starts in the successor. The
 * old one keeps its union-member count (frozen from the register if none was entered), so reports
 * dated before the event count it as they did.
 */
async function succeedChapters(tx: Tx, from: OrgUnit, to: Pick<OrgUnit, 'id' | 'code' | 'path'>, date: Date, dayBefore: Date) {
  const chapters = await tx.orgUnit.findMany({ where: { parentId: from.id, level: 'CHAPTER', OR: [{ validTo: null }, { validTo: { gte: date } }] } });
  const result: { from: string; to: string }[] = [];
  for (const chapter of chapters) {
    const id = randomUUID();
    const code = await freeCode(tx, chapter.code.startsWith(from.code) ? `${to.code}${chapter.code.slice(from.code.length)}` : `${to.code}-${chapter.code}`);
    const registered = await tx.member.count({ where: { chapterId: chapter.id, isUnionMember: true, status: 'ACTIVE' } });
    await tx.orgUnit.create({
      data: { id, code, name: chapter.name, level: 'CHAPTER', parentId: to.id, path: `${to.path}${id}/`, validFrom: date, active: chapter.active, unionMemberCount: chapter.unionMemberCount },
    });
    await tx.orgUnit.update({
      where: { id: chapter.id },
      data: { active: false, validTo: dayBefore, successorId: id, unionMemberCount: chapter.unionMemberCount ?? registered },
    });
    result.push({ from: chapter.id, to: id });
  }
  return result;
}

/** The code, or the code with "-2", "-3"… when it is taken (cut to a code's length). */
export async function freeCode(tx: Tx, wanted: string): Promise<string> {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const code = `${wanted.slice(0, MAX_CODE - suffix.length)}${suffix}`;
    if (!(await tx.orgUnit.findUnique({ where: { code }, select: { id: true } }))) return code;
  }
}
