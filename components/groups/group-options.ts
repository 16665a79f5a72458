import { getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/auth/actor';
import { listOrgUnits } from '@/lib/org';

export type Option = { value: string; label: string };

/** Communes and chapters in scope, as select options (active only). */
export async function communeAndChapterOptions(actor: Actor) {
  const units = await listOrgUnits(actor, { includeInactive: false });
  const communes = units.filter((u) => u.level === 'COMMUNE');
  const communeName = new Map(communes.map((c) => [c.id, c.name]));
  const chapters = units
    .filter((u) => u.level === 'CHAPTER')
    .map((u) => ({ value: u.id, label: communes.length > 1 ? `${u.name} — ${communeName.get(u.parentId ?? '') ?? ''}` : u.name }));
  return { communes: communes.map((u) => ({ value: u.id, label: u.name })), chapters };
}

export async function enumOptions(namespace: 'programmeKind' | 'groupStatus' | 'gender' | 'householdCategory' | 'memberStatus', values: readonly string[]): Promise<Option[]> {
  const t = await getTranslations(`registers.${namespace}`);
  return values.map((value) => ({ value, label: t(value) }));
}
