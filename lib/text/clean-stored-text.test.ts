import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newPglite } from '@/lib/db/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from '@/lib/db/migrate';
import { pgliteExecutor } from '@/lib/db/sql-executor';
import { cleanText } from './clean-text';

// Issue 22 §8: names stored before input was cleaned are cleaned by the migration
// 20261207020000_clean_stored_text, exactly as cleanText would have cleaned them at the door.

const CLEANING = '20261207020000_clean_stored_text';
const db = newPglite();
const sql = pgliteExecutor(db);
afterAll(() => sql.close());

describe('text stored before the cleaning', () => {
  it('is cleaned by the migration as cleanText cleans input, and the audit log is left as written', async () => {
    const before = mkdtempSync(path.join(os.tmpdir(), 'migrations-before-'));
    cpSync(DEFAULT_MIGRATIONS_DIR, before, { recursive: true });
    rmSync(path.join(before, CLEANING), { recursive: true });
    await applyMigrations(sql, before);

    const dirty = {
      unit: 'Xã Yên\u200B Khang\u202E',
      group: 'Tổ\u2060 vay\u0001 vốn số 1',
      // NFD (as some phones type it), a zero-width joiner and a CRLF in the address.
      name: 'Nguye\u0302\u0303n Thi\u0323 A\u0301nh\u200D',
      address: 'Thôn 3\r\nxã Yên Khang\uFEFF',
    };
    const [unit] = await sql.query<{ id: string }>(
      `INSERT INTO "OrgUnit" (code, name, level, path, "updatedAt") VALUES ('CLEAN-1', $1, 'COMMUNE', '/clean-1/', now()) RETURNING id`, [dirty.unit]);
    const [group] = await sql.query<{ id: string }>(
      `INSERT INTO "Group" ("orgUnitId", code, name, "programmeKind", "updatedAt") VALUES ($1, 'T01', $2, 'VBSP', now()) RETURNING id`, [unit!.id, dirty.group]);
    await sql.query(
      `INSERT INTO "Member" ("orgUnitId", "groupId", "fullName", "searchName", gender, "nationalId", address, "householdCategory", "updatedAt")
       VALUES ($1, $2, $3, $3, 'FEMALE', '036123456789', $4, 'POOR', now())`, [unit!.id, group!.id, dirty.name, dirty.address]);
    await sql.query(`INSERT INTO "AuditLog" (action, entity, "actorUsername") VALUES ('test.dirty', 'Test', $1)`, [dirty.name]);

    const applied = await applyMigrations(sql);
    expect(applied).toEqual([CLEANING]);

    const [row] = await sql.query<{ unit: string; group: string; name: string; address: string; sortKey: string }>(
      `SELECT u.name AS unit, g.name AS group, m."fullName" AS name, m.address, u."sortKey" FROM "Member" m
       JOIN "Group" g ON g.id = m."groupId" JOIN "OrgUnit" u ON u.id = m."orgUnitId"`);
    expect(row).toMatchObject({ unit: cleanText(dirty.unit), group: cleanText(dirty.group), name: cleanText(dirty.name), address: cleanText(dirty.address) });
    expect(row!.unit).toBe('Xã Yên Khang');
    expect(row!.name).toBe('Nguyễn Thị Ánh');
    expect(row!.address).toBe('Thôn 3\nxã Yên Khang');
    // The generated sort key follows the cleaned name.
    const [fresh] = await sql.query<{ sortKey: string }>(`SELECT vn_collation_key('Xã Yên Khang') AS "sortKey"`);
    expect(row!.sortKey).toBe(fresh!.sortKey);
    const [audit] = await sql.query<{ actorUsername: string }>(`SELECT "actorUsername" FROM "AuditLog" WHERE action = 'test.dirty'`);
    expect(audit!.actorUsername).toBe(dirty.name);
  });
});
