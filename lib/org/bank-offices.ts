import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { orgUnitScope } from '@/lib/auth/scope';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { pathIds } from './levels';

// The bank's side of the map: a transaction office (phòng giao dịch) of the Vietnam Bank for Social
// Policies serves a set of communes of one province — roughly a former district's, which the 2025
// reorganisation did not follow. A bank liaison attached to an office sees exactly its communes
// (Actor.scopePaths); a reorganisation adds each successor commune to the offices of the communes
// it took over (lib/org/reorganisation/apply.ts).

const codeList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[\s,;]+/) : v),
  z.array(z.string().trim().toUpperCase()).transform((codes) => [...new Set(codes.filter(Boolean))]),
);

export const saveBankOfficeSchema = z.object({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{1,29}$/, { message: 'validation.orgCode' }),
  name: z.string().trim().min(1, { message: 'validation.required' }).max(200),
  /** The communes it serves, by code (a list, or text separated by commas or spaces). */
  communeCodes: codeList.refine((codes) => codes.length > 0, { message: 'bankOffices.noCommunes' }),
  /** The bank liaisons attached to it, by username; others attached before are detached. */
  liaisons: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), codeList.transform((names) => names.map((n) => n.toLowerCase()))).optional(),
});
export type SaveBankOfficeInput = z.input<typeof saveBankOfficeSchema>;

/** Creates or replaces (by code) an office with its communes and liaisons; all in the actor's scope and one province. */
export async function saveBankOffice(actor: Actor, input: SaveBankOfficeInput) {
  assertCan(actor, 'org:manage');
  const data = parseInput(saveBankOfficeSchema, input);
  return db.$transaction(async (tx) => {
    const communes = await tx.orgUnit.findMany({ where: { code: { in: data.communeCodes }, level: 'COMMUNE', ...orgUnitScope(actor) } });
    const missing = data.communeCodes.filter((code) => !communes.some((c) => c.code === code));
    if (missing.length) throw new AppError('VALIDATION', 'bankOffices.unknownCommunes', { codes: missing.join(', ') }, { communeCodes: { key: 'bankOffices.unknownCommunes', params: { codes: missing.join(', ') } } });
    const province = await provinceOf(tx, communes.map((c) => c.path));
    const existing = await tx.bankOffice.findUnique({ where: { code: data.code }, include: { orgUnit: true } });
    if (existing && !existing.orgUnit.path.startsWith(actor.orgUnitPath)) throw new AppError('CONFLICT', 'org.codeTaken', { code: data.code }, { code: { key: 'org.codeTaken', params: { code: data.code } } });
    const office = existing
      ? await tx.bankOffice.update({ where: { id: existing.id }, data: { name: data.name, orgUnitId: province.id } })
      : await tx.bankOffice.create({ data: { code: data.code, name: data.name, orgUnitId: province.id } });
    await tx.bankOfficeCommune.deleteMany({ where: { bankOfficeId: office.id } });
    await tx.bankOfficeCommune.createMany({ data: communes.map((c) => ({ bankOfficeId: office.id, orgUnitId: c.id })) });
    if (data.liaisons) {
      const users = await tx.user.findMany({ where: { username: { in: data.liaisons }, role: 'BANK_LIAISON', orgUnitId: province.id } });
      const strangers = data.liaisons.filter((name) => !users.some((u) => u.username === name));
      if (strangers.length) throw new AppError('VALIDATION', 'bankOffices.unknownLiaisons', { names: strangers.join(', ') }, { liaisons: { key: 'bankOffices.unknownLiaisons', params: { names: strangers.join(', ') } } });
      await tx.user.updateMany({ where: { bankOfficeId: office.id, id: { notIn: users.map((u) => u.id) } }, data: { bankOfficeId: null } });
      await tx.user.updateMany({ where: { id: { in: users.map((u) => u.id) } }, data: { bankOfficeId: office.id } });
    }
    const after = { ...office, communes: communes.map((c) => c.code).sort(), liaisons: data.liaisons ?? null };
    await writeAudit(tx, auditActorOf(actor), { action: existing ? 'bankOffice.update' : 'bankOffice.create', entity: 'BankOffice', entityId: office.id, after });
    return after;
  });
}

/** The province all the communes belong to (an office serves one province), or a VALIDATION error. */
async function provinceOf(tx: Tx, paths: string[]) {
  const provinces = await tx.orgUnit.findMany({ where: { level: 'PROVINCE', id: { in: [...new Set(paths.flatMap(pathIds))] } } });
  if (provinces.length !== 1) throw new AppError('VALIDATION', 'bankOffices.oneProvince', {}, { communeCodes: { key: 'bankOffices.oneProvince' } });
  return provinces[0]!;
}

/** The offices of the provinces in the actor's scope, with their communes and liaisons. */
export async function listBankOffices(actor: Actor) {
  assertCan(actor, 'org:read');
  const offices = await db.bankOffice.findMany({
    where: { orgUnit: orgUnitScope({ orgUnitPath: actor.orgUnitPath }) },
    include: {
      communes: { include: { orgUnit: { select: { id: true, code: true, name: true, validTo: true } } } },
      users: { where: { active: true }, select: { username: true, fullName: true } },
    },
    orderBy: { code: 'asc' },
  });
  return offices.map((o) => ({
    id: o.id, code: o.code, name: o.name, orgUnitId: o.orgUnitId,
    communes: o.communes.map((c) => c.orgUnit).sort((a, b) => a.code.localeCompare(b.code)),
    liaisons: o.users,
  }));
}
