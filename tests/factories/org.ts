import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { loadActor } from '@/lib/auth/load-actor';
import { db, type OrgLevel, type OrgUnit, type Role } from '@/lib/db';

let sequence = 0;
const unique = (prefix: string) => `${prefix}${++sequence}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

export async function createUnit(level: OrgLevel, parent: OrgUnit | null, name?: string): Promise<OrgUnit> {
  const id = randomUUID();
  return db.orgUnit.create({
    data: {
      id,
      code: unique(level.slice(0, 2)),
      name: name ?? `${level} ${sequence}`,
      level,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
    },
  });
}

/**
 * A province with two districts; each district has two communes; each commune one chapter.
 * Names say where a unit sits: "D1", "D1-C2", "D1-C2-CH".
 */
export async function createOrgTree({ parent = null, prefix = '' }: { parent?: OrgUnit | null; prefix?: string } = {}) {
  const province = await createUnit('PROVINCE', parent, `${prefix}P`);
  const districts: OrgUnit[] = [];
  const communes: OrgUnit[] = [];
  const chapters: OrgUnit[] = [];
  for (const d of [1, 2]) {
    const district = await createUnit('DISTRICT', province, `${prefix}D${d}`);
    districts.push(district);
    for (const c of [1, 2]) {
      const commune = await createUnit('COMMUNE', district, `${prefix}D${d}-C${c}`);
      communes.push(commune);
      chapters.push(await createUnit('CHAPTER', commune, `${prefix}D${d}-C${c}-CH`));
    }
  }
  return { province, districts, communes, chapters, all: [province, ...districts, ...communes, ...chapters] };
}

let cachedHash: Promise<string> | undefined;

export async function createUser(role: Role, unit: OrgUnit, { password, username }: { password?: string; username?: string } = {}) {
  const passwordHash = password ? await hashPassword(password) : await (cachedHash ??= hashPassword('correct horse battery'));
  return db.user.create({
    data: { username: username ?? unique('u').toLowerCase(), fullName: `${role} ${unit.name}`, role, orgUnitId: unit.id, passwordHash },
  });
}

export async function actorFor(role: Role, unit: OrgUnit): Promise<Actor> {
  const user = await createUser(role, unit);
  const actor = await loadActor(user.id, { requestId: `test-${user.id.slice(0, 8)}` });
  if (!actor) throw new Error('actor not loaded');
  return actor;
}
