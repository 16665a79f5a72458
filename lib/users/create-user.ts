import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { auditActorOf, withoutSecrets, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { assertMayAssignRole, resolveUnitForRole } from './rules';
import { createUserSchema, type CreateUserInput } from './schemas';

export async function createUser(actor: Actor, input: CreateUserInput) {
  assertCan(actor, 'user:manage');
  const data = parseInput(createUserSchema, input);
  assertMayAssignRole(actor, data.role);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    await resolveUnitForRole(actor, tx, data.orgUnitId, data.role);
    if (await tx.user.findUnique({ where: { username: data.username } })) {
      throw new AppError('CONFLICT', 'users.usernameTaken', {}, { username: { key: 'users.usernameTaken' } });
    }
    const user = await tx.user.create({
      data: { username: data.username, fullName: data.fullName, role: data.role, orgUnitId: data.orgUnitId, passwordHash },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'user.create', entity: 'User', entityId: user.id, after: withoutSecrets(user) });
    return withoutSecrets(user);
  });
}
