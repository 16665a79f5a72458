import { randomUUID } from 'node:crypto';
import { Prisma, type OrgUnit, type Tx } from '@/lib/db';

// What an ended commune holds moves to its successor on the effective date, in bulk SQL (a
// province moves 100 000 members at once). Nothing dated before is rewritten: loans get a LoanMove
// (postings before the date stay with the old commune in every figure), groups, members and savings
// accounts a RecordMove (reports dated before read their unit then), the chapters are succeeded by
// new chapters of the successor, and the fund's cash on hand is handed over by two dated entries.

export interface CommuneMoveCounts {
  groups: number;
  members: number;
  loans: number;
  savingsAccounts: number;
  openFollowUps: number;
  chapters: number;
}

const MAX_CODE = 30;

/** "ND-YY-YK" + "TK-01" → "ND-YY-YK-TK-01", cut to a code's length: a code that meets an equal one in the successor. */
const prefixedCode = (prefix: string) => Prisma.sql`left(${`${prefix}-`} || x."code", ${MAX_CODE})`;

export async function moveCommune(
  tx: Tx,
  from: OrgUnit,
  to: Pick<OrgUnit, 'id' | 'code' | 'path'>,
  date: Date,
  reorganisationId: string,
  cashOnHand: bigint,
  decisionNo: string,
): Promise<CommuneMoveCounts> {
  const dayBefore = new Date(date.getTime() - 86_400_000);
  const chapters = await succeedChapters(tx, from, to, date, dayBefore);
  const [oldChapters, newChapters] = [chapters.map((c) => c.from), chapters.map((c) => c.to)];
  const chapterOf = Prisma.sql`(SELECT c.n FROM unnest(${oldChapters}::uuid[], ${newChapters}::uuid[]) AS c(o, n) WHERE c.o = x."chapterId")`;

  // Groups: a code already used in the successor (two merged communes both had "TK-01") takes the old commune's code in front.
  await tx.$executeRaw`
    INSERT INTO "RecordMove" ("kind", "recordId", "date", "fromOrgUnitId", "toOrgUnitId", "fromCode", "reorganisationId")
    SELECT 'GROUP', x."id", ${date}::date, ${from.id}::uuid, ${to.id}::uuid, x."code", ${reorganisationId}::uuid FROM "Group" x WHERE x."orgUnitId" = ${from.id}::uuid`;
  const groups = await tx.$executeRaw`
    UPDATE "Group" x SET "orgUnitId" = ${to.id}::uuid, "chapterId" = ${chapterOf},
      "code" = CASE WHEN EXISTS (SELECT 1 FROM "Group" y WHERE y."orgUnitId" = ${to.id}::uuid AND y."code" = x."code") THEN ${prefixedCode(from.code)} ELSE x."code" END
    WHERE x."orgUnitId" = ${from.id}::uuid`;

  // Members, every one (those who left keep their record with the commune that now holds it).
  await tx.$executeRaw`
    INSERT INTO "RecordMove" ("kind", "recordId", "date", "fromOrgUnitId", "toOrgUnitId", "fromCode", "reorganisationId")
    SELECT 'MEMBER', x."id", ${date}::date, ${from.id}::uuid, ${to.id}::uuid, x."code", ${reorganisationId}::uuid FROM "Member" x WHERE x."orgUnitId" = ${from.id}::uuid`;
  const members = await tx.$executeRaw`
    UPDATE "Member" x SET "orgUnitId" = ${to.id}::uuid, "chapterId" = ${chapterOf},
      "code" = CASE WHEN x."code" IS NOT NULL AND EXISTS (SELECT 1 FROM "Member" y WHERE y."orgUnitId" = ${to.id}::uuid AND y."code" = x."code") THEN ${prefixedCode(from.code)} ELSE x."code" END
    WHERE x."orgUnitId" = ${from.id}::uuid`;

  // Loans, every one: the move is noted first (the ledger's snapshots read it), then the loan's commune.
  await tx.$executeRaw`
    INSERT INTO "LoanMove" ("loanId", "date", "fromGroupId", "toGroupId", "fromOrgUnitId", "toOrgUnitId", "principal")
    SELECT l."id", ${date}::date, l."groupId", l."groupId", ${from.id}::uuid, ${to.id}::uuid, l."cachedOutstanding" FROM "Loan" l WHERE l."orgUnitId" = ${from.id}::uuid`;
  const loans = await tx.$executeRaw`UPDATE "Loan" SET "orgUnitId" = ${to.id}::uuid WHERE "orgUnitId" = ${from.id}::uuid`;

  await tx.$executeRaw`
    INSERT INTO "RecordMove" ("kind", "recordId", "date", "fromOrgUnitId", "toOrgUnitId", "reorganisationId")
    SELECT 'SAVINGS_ACCOUNT', a."id", ${date}::date, ${from.id}::uuid, ${to.id}::uuid, ${reorganisationId}::uuid FROM "SavingsAccount" a WHERE a."orgUnitId" = ${from.id}::uuid`;
  const savingsAccounts = await tx.$executeRaw`UPDATE "SavingsAccount" SET "orgUnitId" = ${to.id}::uuid WHERE "orgUnitId" = ${from.id}::uuid`;

  // Work still to do goes along; what is done stays where it was done.
  const openFollowUps = await tx.$executeRaw`UPDATE "FollowUp" SET "orgUnitId" = ${to.id}::uuid WHERE "orgUnitId" = ${from.id}::uuid AND "status" = 'OPEN'`;
  const month = date.toISOString().slice(0, 7);
  await tx.$executeRaw`UPDATE "FeeStatementLine" SET "orgUnitId" = ${to.id}::uuid WHERE "orgUnitId" = ${from.id}::uuid AND "month" >= ${month}`;

  if (cashOnHand !== 0n) {
    const note = `Bàn giao khi sắp xếp đơn vị: ${from.code} → ${to.code}`;
    await tx.fundAllocation.createMany({
      data: [
        { orgUnitId: from.id, kind: 'HANDOVER_OUT', date, amount: cashOnHand, decisionNo, note },
        { orgUnitId: to.id, kind: 'HANDOVER_IN', date, amount: cashOnHand, decisionNo, note },
      ],
    });
  }
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
