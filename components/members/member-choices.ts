import type { Actor } from '@/lib/auth/actor';
import { communeAndChapterOptions, enumOptions } from '@/components/groups/group-options';
import { listActiveGroupChoices } from '@/lib/groups';
import { GENDERS, HOUSEHOLD_CATEGORIES } from '@/lib/members';

/** Everything the member forms choose from, within the actor's scope. */
export async function memberChoices(actor: Actor, orgUnitId?: string) {
  const { communes, chapters } = await communeAndChapterOptions(actor);
  const groups = await listActiveGroupChoices(actor, orgUnitId);
  return {
    communes,
    groups: groups.map((g) => ({ value: g.id, label: communes.length > 1 ? `${g.code} · ${g.name} — ${g.orgUnit.name}` : `${g.code} · ${g.name}` })),
    choices: {
      genders: await enumOptions('gender', GENDERS),
      categories: await enumOptions('householdCategory', HOUSEHOLD_CATEGORIES),
      chapters,
    },
  };
}
