import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { daysAgo, ensureProgrammes, monthsAgo } from '@/tests/factories/loans';
import type { Actor } from '@/lib/auth/actor';
import { issueApiToken } from '@/lib/auth/api-token';
import { db } from '@/lib/db';
import { MAX_JSON_BYTES } from '@/lib/api/read-json';
import { recordInspection } from '@/lib/inspections';
import { applyForLoan, approveLoan, disburseLoan } from '@/lib/loans';
import { POST as loanAction } from '@/app/api/v1/loans/[id]/[action]/route';
import { POST as uploadAttachment } from '@/app/api/v1/inspections/[id]/attachments/route';
import { POST as narrativeDocx } from '@/app/api/v1/reports/narrative/docx/route';

// Issue 22 "Also verify", ASVS V12.1.1 through the real /api/v1 handlers: a JSON body over
// 1 MB and an attachment over 5 MB are refused with the Vietnamese message and nothing is written —
// also when the body comes without a Content-Length (chunked) or with a false one, where the
// handler must stop reading at the limit instead of taking in all that is sent.

useTestDatabase();

const OWN = 'http://localhost:3000';
let token: string;
let loanId: string;
let communeId: string;
let leader: Actor;
type ApiError = { code: string; key: string; message: string; fields: Record<string, string> };
const errorOf = async (response: Response) => ((await response.json()) as { error: ApiError }).error;

beforeAll(async () => {
  const tree = await createOrgTree();
  communeId = tree.communes[0]!.id;
  const programmes = await ensureProgrammes();
  const officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  const group = await makeGroup(tree.communes[0]!);
  const [member] = await addMembers(tree.communes[0]!, group.id, 1);
  const loan = await applyForLoan(officer, { memberId: member!.id, programmeId: programmes.HN!.id, amount: '5.000.000', termMonths: 12, purpose: 'Chăn nuôi', appliedAt: monthsAgo(3) });
  await approveLoan(leader, loan.id, { decidedAt: monthsAgo(3) });
  await disburseLoan(officer, loan.id, { date: monthsAgo(3) });
  loanId = loan.id;
  token = (await issueApiToken(officer.userId, officer.username, null)).token;
});

/** A stream of `total` bytes in 64 KiB chunks: the head, then `fill`, then the tail; counts what was pulled from it. */
function meteredStream(head: string, total: number, tail = '', fill = 0x20) {
  const encoder = new TextEncoder();
  const meter = { pulled: 0 };
  let step = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const first = step++ === 0;
      const chunk = first ? encoder.encode(head) : new Uint8Array(Math.min(64 * 1024, total - meter.pulled - tail.length)).fill(fill);
      meter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
      if (meter.pulled + tail.length >= total) {
        controller.enqueue(encoder.encode(tail));
        meter.pulled += tail.length;
        controller.close();
      }
    },
  });
  return { stream, meter };
}

describe('a JSON body over 1 MB, through the repayment route (ASVS V12.1.1)', () => {
  const written = async () => ({
    repayments: await db.loanTransaction.count({ where: { loanId, kind: 'REPAYMENT' } }),
    audit: await db.auditLog.count(),
  });
  /** A repayment whose note pads the body to exactly `bytes` bytes of UTF-8 (with `letter` repeated). */
  const paddedBody = (bytes: number, letter = 'x') => {
    const head = JSON.stringify({ date: daysAgo(0), amount: 777, note: '' }).slice(0, -2); // ends in "note":"
    const room = bytes - new TextEncoder().encode(`${head}"}`).length;
    const size = new TextEncoder().encode(letter).length;
    return `${head}${letter.repeat(Math.floor(room / size))}${'x'.repeat(room % size)}"}`;
  };
  const repay = (body: BodyInit, headers: Record<string, string> = {}) =>
    loanAction(
      new Request(`${OWN}/api/v1/loans/${loanId}/repayments`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body, duplex: 'half',
      } as RequestInit),
      { params: Promise.resolve({ id: loanId, action: 'repayments' }) },
    );

  it('is refused 400 with the Vietnamese message and writes nothing; exactly 1 MB reaches validation (422 on the note)', async () => {
    const before = await written();
    const over = paddedBody(MAX_JSON_BYTES + 1);
    expect(new TextEncoder().encode(over).length).toBe(MAX_JSON_BYTES + 1);
    const refused = await repay(over);
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toMatchObject({ code: 'BAD_REQUEST', key: 'errors.bodyTooLarge', message: 'Nội dung gửi lên quá lớn (tối đa 1024 KB).' });
    // Counted in bytes: 400 000 letters "ữ" are 1.2 MB.
    const letters = paddedBody(1_200_000, 'ữ');
    expect(letters.length).toBeLessThan(MAX_JSON_BYTES);
    expect((await errorOf(await repay(letters))).key).toBe('errors.bodyTooLarge');
    expect(await written()).toEqual(before);

    const limit = await repay(paddedBody(MAX_JSON_BYTES));
    expect(limit.status).toBe(422);
    expect((await errorOf(limit)).fields).toHaveProperty('note');
    expect(await written()).toEqual(before);
    // The same repayment with a short note posts: the size, not the content, was refused.
    expect((await repay(JSON.stringify({ date: daysAgo(0), amount: 777, note: 'x' }))).status).toBe(201);
  });

  it('is refused when its Content-Length says less than it sends, or when it has none (chunked): reading stops at the limit', async () => {
    const before = await written();
    const lying = await repay(paddedBody(2 * MAX_JSON_BYTES), { 'content-length': '120' });
    expect((await errorOf(lying)).key).toBe('errors.bodyTooLarge');
    // 64 MB sent without a length: refused after about 1 MB, the rest never read.
    const { stream, meter } = meteredStream('{"date":"2026-01-01","amount":777,"note":"', 64 * 1024 * 1024, '"}', 0x78);
    const chunked = await repay(stream);
    expect(chunked.status).toBe(400);
    expect((await errorOf(chunked)).key).toBe('errors.bodyTooLarge');
    expect(meter.pulled).toBeLessThan(MAX_JSON_BYTES + 3 * 64 * 1024);
    // A Content-Length over the limit is refused before a byte is read.
    const declared = meteredStream('{', 2 * MAX_JSON_BYTES);
    const early = await repay(declared.stream, { 'content-length': String(2 * MAX_JSON_BYTES) });
    expect((await errorOf(early)).key).toBe('errors.bodyTooLarge');
    expect(declared.meter.pulled).toBeLessThanOrEqual(64 * 1024);
    expect(await written()).toEqual(before);
  });
});

describe('an inspection attachment through its upload route (ASVS V12.1.1)', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const MB5 = 5 * 1024 * 1024;
  const newInspection = () => recordInspection(leader, { level: 'COMMUNE', kind: 'PERIODIC', orgUnitId: communeId, date: daysAgo(0), inspectors: 'Đoàn huyện' });
  const stored = async (inspectionId: string) => ({
    files: await db.inspectionAttachment.count({ where: { inspectionId } }),
    audit: await db.auditLog.count({ where: { action: 'inspection.attachment' } }),
  });
  const upload = (inspectionId: string, body: BodyInit, headers: Record<string, string> = {}) =>
    uploadAttachment(
      new Request(`${OWN}/api/v1/inspections/${inspectionId}/attachments`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body, duplex: 'half',
      } as RequestInit),
      { params: Promise.resolve({ id: inspectionId }) },
    );
  const form = (name: string, data: Uint8Array) => {
    const body = new FormData();
    body.set('file', new File([data as BlobPart], name));
    return body;
  };

  it('over 5 MB is refused 422 "Tệp lớn hơn 5 MB." on the file, stored nowhere; streamed without a length it is cut at the limit', async () => {
    const inspection = await newInspection();
    const before = await stored(inspection.id);
    const justOver = new Uint8Array(MB5 + 1);
    justOver.set(PNG);
    const refused = await upload(inspection.id, form('anh.png', justOver));
    expect(refused.status).toBe(422);
    expect(await errorOf(refused)).toMatchObject({ key: 'inspections.file.tooLarge', message: 'Tệp lớn hơn 5 MB.', fields: { file: 'Tệp lớn hơn 5 MB.' } });
    // 200 MB of multipart without a Content-Length: refused after reading about 5 MB.
    const boundary = 'ranh-gioi-42';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="anh.png"\r\nContent-Type: image/png\r\n\r\n`;
    const { stream, meter } = meteredStream(head, 200 * 1024 * 1024, `\r\n--${boundary}--\r\n`, 0);
    const streamed = await upload(inspection.id, stream, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(streamed.status).toBe(422);
    expect((await errorOf(streamed)).message).toBe('Tệp lớn hơn 5 MB.');
    expect(meter.pulled).toBeLessThan(MB5 + 64 * 1024 + 3 * 64 * 1024);
    expect(await stored(inspection.id)).toEqual(before);
    // Exactly 5 MB is taken.
    const limit = new Uint8Array(MB5);
    limit.set(PNG);
    expect((await upload(inspection.id, form('anh.png', limit))).status).toBe(201);
    expect(await stored(inspection.id)).toEqual({ files: before.files + 1, audit: before.audit + 1 });
  });

  it('of another type (by its bytes, whatever its name) is refused 422; the 11th file is refused 409; nothing stored', async () => {
    const inspection = await newInspection();
    const exe = new TextEncoder().encode('MZ\x90\x00 not a picture');
    const wrong = await upload(inspection.id, form('anh.png', exe));
    expect(wrong.status).toBe(422);
    expect(await errorOf(wrong)).toMatchObject({ key: 'inspections.file.type', message: 'Chỉ nhận ảnh (JPEG, PNG) hoặc PDF.' });
    expect(await stored(inspection.id)).toMatchObject({ files: 0 });
    const pdf = new TextEncoder().encode('%PDF-1.4\n%biên bản');
    for (let i = 1; i <= 10; i++) expect((await upload(inspection.id, form(`bb${i}.pdf`, pdf))).status, `file ${i}`).toBe(201);
    const before = await stored(inspection.id);
    const eleventh = await upload(inspection.id, form('bb11.pdf', pdf));
    expect(eleventh.status).toBe(409);
    expect(await errorOf(eleventh)).toMatchObject({ key: 'inspections.file.tooMany', message: 'Mỗi biên bản có tối đa 10 tệp đính kèm.' });
    expect(await stored(inspection.id)).toEqual(before);
    expect(before.files).toBe(10);
  });
});

describe('every other body', () => {
  it('is read by a handler only through the capped readers (lib/api/read-body.ts), never whole', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (name === 'route.ts') files.push(file);
      }
    };
    walk(path.join('app', 'api', 'v1'));
    expect(files.length).toBeGreaterThan(50);
    const whole = files.filter((file) => /\b(request|req)\.(json|text|formData|arrayBuffer|blob)\(/.test(readFileSync(file, 'utf8')));
    expect(whole).toEqual([]);
  });

  it('the year-end report to Word: a form over 2 MB or JSON over 1 MB is refused 400 before the document is built', async () => {
    const docx = (body: BodyInit, type: string) =>
      narrativeDocx(
        new Request(`${OWN}/api/v1/reports/narrative/docx`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body }),
        { params: Promise.resolve({}) },
      );
    const form = new URLSearchParams({ title: 'Tổng kết', text: 'ữ'.repeat(250_000) }).toString();
    expect(form.length).toBeGreaterThan(2 * MAX_JSON_BYTES);
    const refusedForm = await docx(form, 'application/x-www-form-urlencoded');
    expect(refusedForm.status).toBe(400);
    expect(await errorOf(refusedForm)).toMatchObject({ key: 'errors.bodyTooLarge', message: 'Nội dung gửi lên quá lớn (tối đa 2048 KB).' });
    const refusedJson = await docx(JSON.stringify({ title: 'x', text: 'x'.repeat(MAX_JSON_BYTES) }), 'application/json');
    expect((await errorOf(refusedJson)).key).toBe('errors.bodyTooLarge');
    // The longest text it takes (100 000 letters "ữ", 900 kB as a form) is made into a document.
    const longest = await docx(new URLSearchParams({ title: 'Tổng kết', text: 'ữ'.repeat(100_000) }).toString(), 'application/x-www-form-urlencoded');
    expect(longest.status).toBe(200);
    expect(longest.headers.get('content-type')).toContain('wordprocessingml');
  });
});
