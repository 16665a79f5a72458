import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { auditActorOf, withoutSecrets, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { findUserInScope } from './find-user';
import { assertMayAssignRole, resolveUnitForRole } from './rules';
import { resetPasswordSchema, updateUserSchema, type UpdateUserInput } from './schemas';

/** Changes name, role, unit or active flag. Deactivation ends the user's sessions and tokens at once. */
export async function updateUser(actor: Actor, id: string, input: UpdateUserInput) {
  assertCan(actor, 'user:manage');
  const data = parseInput(updateUserSchema, input);
  return db.$transaction(async (tx) => {
    const { orgUnit: _unit, ...before } = await findUserInScope(actor, id, tx);
    if (before.id === actor.userId && (data.role !== undefined || data.orgUnitId !== undefined || data.active === false)) {
      throw new AppError('FORBIDDEN', 'users.notYourself');
    }
    if (before.role === 'ADMIN') assertMayAssignRole(actor, 'ADMIN');
    const role = data.role ?? before.role;
    assertMayAssignRole(actor, role);
    if (data.role !== undefined || data.orgUnitId !== undefined) {
      await resolveUnitForRole(actor, tx, data.orgUnitId ?? before.orgUnitId, role);
    }
    const after = await tx.user.update({
      where: { id },
      data: { fullName: data.fullName, role: data.role, orgUnitId: data.orgUnitId, active: data.active },
    });
    if (data.active === false) {
      await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    const action = data.active === false ? 'user.deactivate' : data.active === true && !before.active ? 'user.activate' : 'user.update';
    await writeAudit(tx, auditActorOf(actor), {
      action,
      entity: 'User',
      entityId: id,
      before: withoutSecrets(before),
      after: withoutSecrets(after),
    });
    return withoutSecrets(after);
  });
}

/** Sets a new password; sessions and tokens issued before it stop working. */
export async function resetPassword(actor: Actor, id: string, input: { password: string }) {
  assertCan(actor, 'user:manage');
  const { password } = parseInput(resetPasswordSchema, input);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await findUserInScope(actor, id, tx);
    if (user.role === 'ADMIN') assertMayAssignRole(actor, 'ADMIN');
    await tx.user.update({ where: { id }, data: { passwordHash, passwordChangedAt: new Date() } });
    await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    await writeAudit(tx, auditActorOf(actor), { action: 'user.resetPassword', entity: 'User', entityId: id });
  });
}
