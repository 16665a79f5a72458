import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as collections from '@/lib/collections/schemas';
import * as fees from '@/lib/fees/schemas';
import * as groups from '@/lib/groups/schemas';
import * as inspections from '@/lib/inspections/schemas';
import * as loans from '@/lib/loans/schemas';
import * as members from '@/lib/members/schemas';
import * as org from '@/lib/org/schemas';
import * as programmes from '@/lib/programmes/schemas';
import * as bank from '@/lib/reports/bank/shared';
import * as reports from '@/lib/reports/schemas';
import * as savings from '@/lib/savings/schemas';
import * as users from '@/lib/users/schemas';
import { MAX_JSON_BYTES, readJson } from '@/lib/api/read-json';
import { AppError, parseInput } from '@/lib/errors';
import { memberSpec } from '@/lib/imports/test-fixtures';
import { readTable } from '@/lib/imports/read-table';
import { normalizeCell } from '@/lib/imports/normalize';
import { cleanInput, cleanText } from '@/lib/text/clean-text';

// Hostile and random input (ASVS 5.1): whatever a client sends, validation answers with a clear
// VALIDATION error naming fields, never an unexpected exception (which would be a 500).

const HOSTILE = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'; DROP TABLE \"Loan\"; --", '=HYPERLINK("http://x")', '../../etc/passwd',
  '\u0000', '\uFEFF', 'A'.repeat(100_000), '１２３', '-0', '1e309', 'NaN', '9'.repeat(400), '2026-02-30', '0000-00-00', '{"a":1}', '__proto__',
];
const hostileValue = fc.oneof(
  fc.constantFrom(...HOSTILE), fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }),
);

const MODULES = { collections, fees, groups, inspections, loans, members, org, programmes, bank, reports, savings, users };
const SCHEMAS = Object.entries(MODULES).flatMap(([module, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter((entry): entry is [string, z.ZodType] => typeof (entry[1] as { safeParse?: unknown })?.safeParse === 'function')
    .map(([name, schema]) => ({ name: `${module}.${name}`, schema })),
);

const onlyValidationErrors = (schema: z.ZodType, input: unknown) => {
  try {
    parseInput(schema, input);
    return true;
  } catch (error) {
    return error instanceof AppError && error.code === 'VALIDATION' && Object.keys(error.fields).length > 0;
  }
};

/** Every character issue 22 §8 removes: zero-width, word joiner, BOM, bidi marks/embeddings/overrides/isolates, C0 (not tab, LF), DEL, C1. */
const UNSEEN = [
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F', '\u061C',
  ...Array.from({ length: 5 }, (_, i) => String.fromCharCode(0x202a + i)), ...Array.from({ length: 4 }, (_, i) => String.fromCharCode(0x2066 + i)),
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== '\t' && c !== '\n' && c !== '\r'),
  ...Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i)),
];
/** Vietnamese letters, precomposed and decomposed (Unikey, phones), with spaces and line breaks. */
const VIETNAMESE = fc.array(fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ\n\t'.split('')), { maxLength: 40 })
  .chain((chars) => fc.constantFrom('NFC', 'NFD').map((form) => chars.join('').normalize(form as 'NFC' | 'NFD')));

describe('invisible and direction-changing characters (issue 22 §8)', () => {
  it('cleanText removes every listed character wherever it sits, and keeps Vietnamese (NFC, marks never lost)', () => {
    fc.assert(
      fc.property(VIETNAMESE, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...UNSEEN)), { maxLength: 8 }), (text, inserts) => {
        const chars = [...text];
        for (const [at, char] of inserts) chars.splice(at % (chars.length + 1), 0, char);
        const cleaned = cleanText(chars.join(''));
        return cleaned === text.normalize('NFC') && UNSEEN.every((c) => !cleaned.includes(c));
      }),
      { numRuns: 500 },
    );
    expect(cleanText('\u202ENguye\u0302\u0303n\u200B Thi\u0323 A\u0301nh\u200D')).toBe('Nguyễn Thị Ánh');
    expect(cleanText('Ghi chú\r\ndòng 2\u2028dòng 3\tcột')).toBe('Ghi chú\ndòng 2\ndòng 3\tcột');
    expect(normalizeCell(' \u2066Xã Yên\u2069 Khang\uFEFF ')).toBe('Xã Yên Khang');
  });

  it('the text of every schema reaches the service clean; secrets are left as typed', () => {
    const parsed = parseInput(members.updateMemberSchema, { fullName: '\u202ELê\u200B Thị Mai', address: 'Xóm\u200D 2\u0007' });
    expect(parsed).toMatchObject({ fullName: 'Lê Thị Mai', address: 'Xóm 2' });
    expect(parseInput(loans.rejectSchema, { reason: 'Không\u202E đủ', decidedAt: '2020-01-01' }).reason).toBe('Không đủ');
    expect(cleanInput({ password: 'a\u200Bb', items: [{ notes: 'x\u200By' }] })).toEqual({ password: 'a\u200Bb', items: [{ notes: 'xy' }] });
  });
});

describe('hostile input', () => {
  it('covers the schemas of every module', () => {
    expect(SCHEMAS.length).toBeGreaterThan(40);
  });

  for (const { name, schema } of SCHEMAS) {
    it(`${name}: any value is parsed or refused with named fields`, () => {
      fc.assert(fc.property(fc.anything(), (input) => onlyValidationErrors(schema, input)), { numRuns: 150 });
      const inputs = fc.dictionary(fc.string({ maxLength: 20 }), hostileValue, { maxKeys: 8 });
      fc.assert(fc.property(inputs, (input) => onlyValidationErrors(schema, input)), { numRuns: 150 });
    });
  }

  it('import files of random bytes or random text are read or refused with a clear error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.string({ maxLength: 2000 }).map((s) => new TextEncoder().encode(s))), fc.constantFrom('a.csv', 'a.xlsx', 'a.txt'), async (data, fileName) => {
        try {
          await readTable({ fileName, data }, memberSpec);
          return true;
        } catch (error) {
          return error instanceof AppError && error.code !== 'FORBIDDEN';
        }
      }),
      { numRuns: 120 },
    );
  });

  it('refuses an oversize JSON body before parsing it, and malformed JSON clearly', async () => {
    const big = new Request('http://x/', { method: 'POST', body: JSON.stringify({ text: 'x'.repeat(MAX_JSON_BYTES) }), headers: { 'content-type': 'application/json' } });
    await expect(readJson(big)).rejects.toMatchObject({ code: 'BAD_REQUEST', messageKey: 'errors.bodyTooLarge' });
    await expect(readJson(new Request('http://x/', { method: 'POST', body: '{"a":' }))).rejects.toMatchObject({ code: 'BAD_REQUEST', messageKey: 'errors.badJson' });
  });

  it('keeps SQL parameterised: no raw "unsafe" query in the application code', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (name === 'generated' || name === 'node_modules') continue;
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(file);
      }
    };
    walk('lib');
    walk('app');
    const unsafe = files.filter((f) => /\$(query|execute)RawUnsafe/.test(readFileSync(f, 'utf8')));
    expect(unsafe).toEqual([]);
  });
});
