import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_INSPECTION = 10;

/** The file's type from its first bytes (the name and the browser's type are not trusted). */
export function sniffType(data: Uint8Array): 'image/jpeg' | 'image/png' | 'application/pdf' | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}

const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' } as const;

/** Stores a photo (JPEG, PNG) or scanned minutes (PDF) of an inspection, at most 5 MB, 10 per inspection. */
export async function addAttachment(actor: Actor, inspectionId: string, file: { fileName: string; data: Uint8Array }) {
  assertCan(actor, 'inspection:write');
  if (file.data.byteLength === 0) throw new AppError('VALIDATION', 'inspections.file.empty', {}, { file: { key: 'inspections.file.empty' } });
  if (file.data.byteLength > MAX_ATTACHMENT_BYTES) {
    const params = { maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 };
    throw new AppError('VALIDATION', 'inspections.file.tooLarge', params, { file: { key: 'inspections.file.tooLarge', params } });
  }
  const mimeType = sniffType(file.data);
  if (!mimeType) throw new AppError('VALIDATION', 'inspections.file.type', {}, { file: { key: 'inspections.file.type' } });
  return db.$transaction(async (tx) => {
    const inspection = isUuid(inspectionId)
      ? await tx.inspection.findFirst({
        where: { id: inspectionId, ...scopeWhere(actor) },
        include: { _count: { select: { attachments: true } } },
      })
      : null;
    if (!inspection) throw notFound();
    if (inspection._count.attachments >= MAX_ATTACHMENTS_PER_INSPECTION) throw new AppError('CONFLICT', 'inspections.file.tooMany', { max: MAX_ATTACHMENTS_PER_INSPECTION });
    // The stored name keeps letters, digits and a few signs, and the extension of the real type.
    const base = file.fileName.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N} ._-]/gu, '').replace(/^[.\s]+/, '').trim().slice(0, 100) || 'tep';
    // The bytes travel as base64 text decoded by the database (the embedded database's driver
    // adapter does not pass binary parameters through Prisma).
    const id = randomUUID();
    const fileName = `${base}.${EXTENSION[mimeType]}`;
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    await tx.$executeRaw`
      INSERT INTO "InspectionAttachment" ("id", "inspectionId", "fileName", "mimeType", "size", "sha256", "data", "uploadedById")
      VALUES (${id}::uuid, ${inspectionId}::uuid, ${fileName}, ${mimeType}, ${file.data.byteLength}::int, ${sha256}, decode(${Buffer.from(file.data).toString('base64')}, 'base64'), ${actor.userId}::uuid)`;
    const attachment = await tx.inspectionAttachment.findUniqueOrThrow({
      where: { id },
      select: { id: true, fileName: true, mimeType: true, size: true, sha256: true, createdAt: true },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'inspection.attachment', entity: 'InspectionAttachment', entityId: attachment.id, after: { inspectionId, ...attachment } });
    return attachment;
  });
}

export async function getAttachment(actor: Actor, inspectionId: string, attachmentId: string) {
  assertCan(actor, 'inspection:read');
  const attachment = isUuid(inspectionId) && isUuid(attachmentId)
    ? await db.inspectionAttachment.findFirst({ where: { id: attachmentId, inspectionId, inspection: scopeWhere(actor) } })
    : null;
  if (!attachment) throw notFound();
  return attachment;
}
