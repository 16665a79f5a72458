import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree, createUnit } from '@/tests/factories/org';
import { makeGroup, nextNationalId } from '@/tests/factories/registers';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { foldVietnamese } from '@/lib/imports/normalize';
import { getCollectionSheet } from '@/lib/collections';
import { getOrgUnit } from '@/lib/org';
import { createMember, listMembers } from './index';

// Lists of people and places sort the Vietnamese way (issue #11, decision 013): letters in the
// Vietnamese alphabet's order (a ă â b c d đ e ê …), tones only between otherwise equal names,
// people by given name, then family name, then middle names. The reference is the CLDR
// Vietnamese collation that Node ships (Intl.Collator('vi')), which is independent of the
// database function under test.

useTestDatabase();

const collator = new Intl.Collator('vi', { sensitivity: 'accent' });
/** "Nguyễn Thị Ánh Tuyết" → "Tuyết Nguyễn Thị Ánh": the order a Vietnamese register reads. */
const asRegisterReads = (fullName: string) => {
  const words = fullName.split(' ');
  return words.length < 2 ? fullName : [words.at(-1), words[0], ...words.slice(1, -1)].join(' ');
};
const inVietnameseOrder = (names: string[]) => [...names].sort((a, b) => collator.compare(asRegisterReads(a), asRegisterReads(b)));

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
});

async function insertMembers(communeId: string, groupId: string | null, names: string[]) {
  await db.member.createMany({
    data: names.map((fullName) => ({
      orgUnitId: communeId, groupId, fullName, searchName: foldVietnamese(fullName), gender: 'FEMALE' as const,
      nationalId: nextNationalId(), householdCategory: 'POOR' as const,
    })),
  });
}

describe('Vietnamese sort order', () => {
  it('lists a commune’s members by given name in the Vietnamese alphabet, tones last', async () => {
    const names = [
      'Lê Thị Bính', 'Lê Thị Binh', 'Lê Thị Bỉnh', 'Lê Thị Bình', // tones: Binh < Bình < Bỉnh < Bính
      'Đỗ Thị Dung', 'Nguyễn Thị Đào', 'Trần Thị Duyên', 'Lê Thị Yến', // D < Đ, Đ before E, not after Y
      'Hoàng Thị Ánh', 'Vũ Thị Ấn', 'Bùi Thị Ăn', 'Ngô Thị Anh', // a < ă < â; tones only between equal letters: Ánh Hoàng < Anh Ngô
      'Nguyễn Lan', 'Nguyễn Thị Lan', 'Trần Lan', // same given name: family, then middle
      'Lương Thị Ơn', 'Đặng Thị Ông', 'Lý Thị Oanh', // o < ô < ơ
      'Nguyễn Thị Ưng', 'Trịnh Thị Uyên', // u < ư
      'Mai', 'Trần Thị Mai', 'Nguyễn Thị Mai-Anh', // a single word; a hyphenated given name stays one, after "Mai"
    ];
    const commune = tree.communes[0]!;
    const group = await makeGroup(commune);
    // Entered through the form: one name typed with combining accents (some phone keyboards do).
    await createMember(officer, { orgUnitId: commune.id, groupId: group.id, fullName: 'Cao Thi\u0323 Đa\u0300o', gender: 'FEMALE', householdCategory: 'POOR', nationalId: nextNationalId() });
    await insertMembers(commune.id, group.id, names);

    const listed = (await listMembers(officer, { orgUnitId: commune.id })).members.map((m) => m.fullName);
    const expected = inVietnameseOrder([...names, 'Cao Thị Đào']);
    expect(listed).toEqual(expected);
    expect(listed.slice(0, 4)).toEqual(['Hoàng Thị Ánh', 'Ngô Thị Anh', 'Bùi Thị Ăn', 'Vũ Thị Ấn']);
    expect(listed.filter((n) => /(Binh|Bình|Bỉnh|Bính)$/.test(n))).toEqual(['Lê Thị Binh', 'Lê Thị Bình', 'Lê Thị Bỉnh', 'Lê Thị Bính']);
    expect(listed.filter((n) => /(Dung|Duyên|Đào|Yến)$/.test(n))).toEqual(['Đỗ Thị Dung', 'Trần Thị Duyên', 'Cao Thị Đào', 'Nguyễn Thị Đào', 'Lê Thị Yến']);
    expect(listed.filter((n) => n.endsWith('Lan'))).toEqual(['Nguyễn Lan', 'Nguyễn Thị Lan', 'Trần Lan']);
    expect(listed.filter((n) => n.includes('Mai'))).toEqual(['Mai', 'Trần Thị Mai', 'Nguyễn Thị Mai-Anh']);

    const reversed = (await listMembers(officer, { orgUnitId: commune.id, dir: 'desc' })).members.map((m) => m.fullName);
    expect(reversed).toEqual([...expected].reverse());

    // The collection sheet reads the same order as the register.
    const sheet = await getCollectionSheet(officer, group.id, '2026-11');
    expect(sheet.rows.map((r) => r.member.fullName)).toEqual(expected);
  });

  it('agrees with the CLDR Vietnamese collation on 400 generated names', async () => {
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Ân', 'Ưng'];
    const middle = ['Thị', 'Văn', 'Thị Ngọc', 'Thị Thu', 'Hữu', 'Đức', 'Thị Ánh', ''];
    const given = ['An', 'Ân', 'Ánh', 'Bích', 'Chi', 'Cúc', 'Dung', 'Dũng', 'Đào', 'Giang', 'Hà', 'Hạ', 'Hả', 'Hằng', 'Hạnh', 'Hoa', 'Hoà', 'Hòa', 'Huệ', 'Hương', 'Lan', 'Lân', 'Liên', 'Loan', 'Mai', 'Mại', 'Ngân', 'Nga', 'Ngà', 'Ngọc', 'Oanh', 'Ơn', 'Phương', 'Quyên', 'Sương', 'Tâm', 'Thảo', 'Thắm', 'Tuyết', 'Uyên', 'Ưng', 'Vân', 'Xuân', 'Yến'];
    let seed = 11;
    const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
    const byKey = new Map<string, string>();
    while (byKey.size < 400) {
      const name = [family[next(family.length)], middle[next(middle.length)], given[next(given.length)]].filter(Boolean).join(' ');
      byKey.set(asRegisterReads(name).toLocaleLowerCase('vi'), name);
    }
    const names = [...byKey.values()];
    const commune = await createUnit('COMMUNE', tree.districts[1]!, 'Xã Thử Thứ Tự');
    await insertMembers(commune.id, null, names);
    const rows = await db.member.findMany({ where: { orgUnitId: commune.id }, orderBy: [{ sortKey: 'asc' }, { id: 'asc' }], select: { fullName: true } });
    expect(rows.map((r) => r.fullName)).toEqual(inVietnameseOrder(names));
  });

  it('reads "Ð" (a look-alike from old font conversions) as "Đ"', async () => {
    const commune = await createUnit('COMMUNE', tree.districts[1]!, 'Xã Thử Chữ Ð');
    await insertMembers(commune.id, null, ['Ðặng Thị Ánh', 'Đặng Thị Ánh']);
    const keys = await db.member.findMany({ where: { orgUnitId: commune.id }, select: { sortKey: true } });
    expect(keys[0]!.sortKey).toBe(keys[1]!.sortKey);
  });

  it('lists child units by name in the Vietnamese alphabet', async () => {
    const district = await createUnit('DISTRICT', tree.province, 'Huyện Thử');
    const names = ['Xã Yên Phú', 'Xã Đông Sơn', 'Xã Dương Quang', 'Xã Ân Thi', 'Xã An Bình', 'Xã Ẩn Lạc', 'Phường Bắc Hà', 'Xã Ba Vì', 'Thị trấn Ứng Hoà', 'Xã Uy Nỗ'];
    for (const name of names) await createUnit('COMMUNE', district, name);
    const admin = await actorFor('ADMIN', tree.province);
    const { children } = await getOrgUnit(admin, district.id);
    expect(children.map((c) => c.name)).toEqual([
      'Phường Bắc Hà', 'Thị trấn Ứng Hoà', 'Xã An Bình', 'Xã Ẩn Lạc', 'Xã Ân Thi', 'Xã Ba Vì', 'Xã Dương Quang', 'Xã Đông Sơn', 'Xã Uy Nỗ', 'Xã Yên Phú',
    ]);
    expect(children.map((c) => c.name)).toEqual([...names].sort(collator.compare));
  });

  it('a search matching more than 1,000 says so, and its pages are still the first by name (decision 032)', async () => {
    const commune = await createUnit('COMMUNE', tree.districts[1]!, 'Xã Thử Tìm Nhiều');
    const given = ['An', 'Bình', 'Chi', 'Dung', 'Đào', 'Giang', 'Hà', 'Lan', 'Mai', 'Nga', 'Oanh', 'Phương', 'Quỳnh', 'Thu', 'Uyên', 'Vân', 'Yến'];
    const family = ['Trần', 'Lê', 'Phạm', 'Nguyễn', 'Vũ', 'Đỗ', 'Bùi', 'Hồ'];
    const names = Array.from({ length: 1_030 }, (_, i) => `${family[Math.floor(i / given.length) % family.length]} Thị Hoà ${given[i % given.length]}`);
    await insertMembers(commune.id, null, [...names, 'Lê Thị Lan']);
    const reader = await actorFor('COMMUNE_OFFICER', commune);
    const expected = inVietnameseOrder(names);

    const first = await listMembers(reader, { q: 'hoa' });
    expect(first).toMatchObject({ total: 1000, totalCapped: true });
    expect(first.members.map((m) => m.fullName)).toEqual(expected.slice(0, 50));
    const third = await listMembers(reader, { q: 'Hoà', page: '3' });
    expect(third.members.map((m) => m.fullName)).toEqual(expected.slice(100, 150));
    const last = await listMembers(reader, { q: 'hoa', dir: 'desc' });
    expect(last.members.map((m) => m.fullName)).toEqual(expected.slice(-50).reverse());
    // Up to the cap, the count is exact.
    expect(await listMembers(reader, { q: 'hoa yen' })).toMatchObject({ total: names.filter((n) => n.endsWith('Yến')).length, totalCapped: false });
    expect(await listMembers(reader, {})).toMatchObject({ total: 1_031, totalCapped: false });
  });
});
