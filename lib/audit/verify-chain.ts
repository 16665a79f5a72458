import { createHash } from 'node:crypto';
import { db } from '@/lib/db';

// Verifies the audit log's hash chain (decision 020). The database links each entry at commit
// (trigger audit_chain_link); this rebuilds every link's hash here, in Node, from the stored columns
// read through built-in functions only — not through the database's own audit_entry_text — so a
// rewritten entry, a removed one, one slipped in with the triggers off, or a replaced function
// shows. Rewriting the whole chain from some point on is caught by comparing the head with one
// kept elsewhere (`--head SEQ:HASH`, printed by every run).

export const GENESIS_HASH = '0'.repeat(64);
const BATCH = 5000;

export type ChainProblem =
  | { kind: 'gap'; seq: bigint; expectedSeq: bigint }
  | { kind: 'brokenLink'; seq: bigint; auditId: bigint }
  | { kind: 'entryMissing'; seq: bigint; auditId: bigint }
  | { kind: 'entryChanged'; seq: bigint; auditId: bigint }
  | { kind: 'entryUnlinked'; auditId: bigint }
  | { kind: 'headMismatch'; seq: bigint; expected: string; found: string | null };

export interface ChainReport {
  links: number;
  head: { seq: bigint; hash: string } | null;
  problems: ChainProblem[];
}

interface LinkRow {
  seq: bigint;
  auditId: bigint;
  prevHash: string;
  hash: string;
  entryText: string | null;
}

/** The same text as the SQL function audit_entry_text, from built-ins (a missing entry gives NULL). */
async function linksAfter(seq: bigint): Promise<LinkRow[]> {
  return db.$queryRaw<LinkRow[]>`
    SELECT l.seq, l."auditId", l."prevHash", l.hash,
      CASE WHEN e.id IS NULL THEN NULL ELSE concat_ws(chr(31), e.id::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        coalesce(e."actorId"::text, '\\N'), coalesce(e."actorUsername", '\\N'), e.action, e.entity,
        coalesce(e."entityId", '\\N'), coalesce(e.before::text, '\\N'), coalesce(e.after::text, '\\N'), coalesce(e."requestId", '\\N')) END AS "entryText"
    FROM "AuditChainLink" l LEFT JOIN "AuditLog" e ON e.id = l."auditId"
    WHERE l.seq > ${seq} ORDER BY l.seq LIMIT ${BATCH}`;
}

export function linkHash(prevHash: string, entryText: string): string {
  return createHash('sha256').update(`${prevHash}\u001f${entryText}`, 'utf8').digest('hex');
}

/** Walks the whole chain; `expectHead` is a link noted earlier (e.g. in last month's report). */
export async function verifyAuditChain({ expectHead }: { expectHead?: { seq: bigint; hash: string } } = {}): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  let expectedSeq = 1n;
  let previousHash = GENESIS_HASH;
  let head: ChainReport['head'] = null;
  let links = 0;
  for (let batch = await linksAfter(0n); batch.length > 0; batch = await linksAfter(batch[batch.length - 1].seq)) {
    for (const link of batch) {
      links += 1;
      if (link.seq !== expectedSeq) problems.push({ kind: 'gap', seq: link.seq, expectedSeq });
      if (link.prevHash !== previousHash) problems.push({ kind: 'brokenLink', seq: link.seq, auditId: link.auditId });
      if (link.entryText === null) problems.push({ kind: 'entryMissing', seq: link.seq, auditId: link.auditId });
      else if (linkHash(link.prevHash, link.entryText) !== link.hash) problems.push({ kind: 'entryChanged', seq: link.seq, auditId: link.auditId });
      if (expectHead && link.seq === expectHead.seq && link.hash !== expectHead.hash) {
        problems.push({ kind: 'headMismatch', seq: link.seq, expected: expectHead.hash, found: link.hash });
      }
      expectedSeq = link.seq + 1n;
      previousHash = link.hash;
      head = { seq: link.seq, hash: link.hash };
    }
  }
  if (expectHead && (head === null || head.seq < expectHead.seq)) {
    problems.push({ kind: 'headMismatch', seq: expectHead.seq, expected: expectHead.hash, found: null });
  }
  const unlinked = await db.$queryRaw<{ id: bigint }[]>`
    SELECT e.id FROM "AuditLog" e WHERE NOT EXISTS (SELECT 1 FROM "AuditChainLink" l WHERE l."auditId" = e.id) ORDER BY e.id LIMIT 1000`;
  for (const { id } of unlinked) problems.push({ kind: 'entryUnlinked', auditId: id });
  return { links, head, problems };
}

/** One Vietnamese sentence (with English) per problem, for the command's output. */
export function describeChainProblem(problem: ChainProblem): string {
  switch (problem.kind) {
    case 'gap':
      return `Mắt xích ${problem.seq}: thiếu mắt xích từ ${problem.expectedSeq} (links removed before this one).`;
    case 'brokenLink':
      return `Mắt xích ${problem.seq} (mục ${problem.auditId}): không nối với mắt xích trước (does not follow the previous link).`;
    case 'entryMissing':
      return `Mắt xích ${problem.seq}: mục nhật ký ${problem.auditId} đã bị xoá (the entry was deleted).`;
    case 'entryChanged':
      return `Mắt xích ${problem.seq}: mục nhật ký ${problem.auditId} đã bị sửa (the entry was changed).`;
    case 'entryUnlinked':
      return `Mục nhật ký ${problem.auditId} không có trong chuỗi (written with the chain's trigger switched off).`;
    case 'headMismatch':
      return problem.found === null
        ? `Mắt xích ${problem.seq} đã ghi nhận trước đây không còn (the chain was cut back before this link).`
        : `Mắt xích ${problem.seq} có mã ${problem.found}, khác mã đã ghi nhận ${problem.expected} (the chain was rewritten).`;
  }
}
