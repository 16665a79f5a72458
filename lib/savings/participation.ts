import type { Actor } from '@/lib/auth/actor';
import { seesBankBusinessOnly } from '@/lib/auth/business';
import { assertCan } from '@/lib/auth/actor';
import { orgUnitScope } from '@/lib/auth/scope';
import { todayInVietnam } from '@/lib/clock';
import { forbidden } from '@/lib/errors';
import { db } from '@/lib/db';
import { ratio4 } from '@/lib/money';


export interface ChapterParticipation {
  chapter: { id: string; code: string; name: string };
  commune: { id: string; name: string } | null;
  participants: number;
  unionMembers: number;
  /** Where the union-member count comes from: entered on the chapter, or counted from the register. */
  unionMembersSource: 'entered' | 'register';
  ratio: number | null;
}

/**
 * Chapter savings pool participation as of a date, per chapter of the actor's subtree: members
 * with a positive chapter-pool balance over the chapter's union members (the number entered on the
 * chapter, else the union members in the register). Totals are sums of the rows.
 */
export async function chapterPoolParticipation(actor: Actor, asOf = todayInVietnam()) {
  assertCan(actor, 'savings:read');
  // The chapters' pools are the union's own savings, not the bank's business.
  if (seesBankBusinessOnly(actor)) throw forbidden();
  const chapters = await db.orgUnit.findMany({ where: { level: 'CHAPTER', active: true, ...orgUnitScope(actor) }, include: { parent: true }, orderBy: { path: 'asc' } });
  const prefix = `${actor.orgUnitPath}%`;
  const saving = await db.$queryRaw<{ chapterId: string; n: bigint }[]>`
    SELECT m."chapterId", COUNT(DISTINCT m."id") AS n
    FROM "SavingsAccount" a
    JOIN "SavingsScheme" s ON s."id" = a."schemeId" AND s."kind" = 'CHAPTER_POOL'
    JOIN "Member" m ON m."id" = a."memberId"
    JOIN "OrgUnit" c ON c."id" = m."chapterId" AND c."path" LIKE ${prefix}
    WHERE (SELECT COALESCE(SUM(CASE t."kind" WHEN 'DEPOSIT' THEN t."amount" ELSE -t."amount" END), 0)
           FROM "SavingsTransaction" t WHERE t."accountId" = a."id" AND t."reversedAt" IS NULL AND t."date" <= ${asOf}::date) > 0
    GROUP BY m."chapterId"`;
  const registered = await db.member.groupBy({ by: ['chapterId'], where: { isUnionMember: true, status: 'ACTIVE', chapter: orgUnitScope(actor) }, _count: { _all: true } });
  const participantsOf = new Map(saving.map((r) => [r.chapterId, Number(r.n)]));
  const registeredOf = new Map(registered.map((r) => [r.chapterId, r._count._all]));
  const rows: ChapterParticipation[] = chapters.map((c) => {
    const unionMembers = c.unionMemberCount ?? registeredOf.get(c.id) ?? 0;
    const participants = participantsOf.get(c.id) ?? 0;
    return {
      chapter: { id: c.id, code: c.code, name: c.name },
      commune: c.parent ? { id: c.parent.id, name: c.parent.name } : null,
      participants,
      unionMembers,
      unionMembersSource: c.unionMemberCount === null ? 'register' : 'entered',
      ratio: ratio4(participants, unionMembers),
    };
  });
  const participants = rows.reduce((s, r) => s + r.participants, 0);
  const unionMembers = rows.reduce((s, r) => s + r.unionMembers, 0);
  return { asOf, rows, total: { participants, unionMembers, ratio: ratio4(participants, unionMembers) } };
}
