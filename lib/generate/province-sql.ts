// The SQL of the data generator (npm run db:generate): set-based INSERT … SELECT over
// generate_series, so a province's 2.5 million rows are written by the database itself, not row by
// row. Deterministic for a given seed (setseed + a fixed statement order). Works on PGlite and
// PostgreSQL. Everything hangs under the demo province, so the demo logins see it.

export interface Scale {
  districts: number;
  communesPerDistrict: number;
  groupsPerCommune: number;
  members: number;
  loans: number;
  months: number;
}

/** What the member, loan and savings statements need of a scale (shared by every shape). */
export interface RegisterScale {
  members: number;
  loans: number;
  months: number;
  /** SQL for a VBSP loan's term in months (loan number j): 36 unless given. */
  vbspTerm?: string;
  /** How many members in ten save monthly: 6 unless given. */
  saversPerTen?: number;
  /** The postings and savings movements are written in this many statements (gen_group.chunk 1…n), for progress. */
  chunks?: number;
}

/**
 * National scale is ten provinces of province size (decision 014): the districts are generated
 * under the demo province, then every ten after the first ten are moved under a province of their
 * own (GP02…GP10), paths rewritten as the app's own unit move does.
 */
export const PROVINCE_DISTRICTS = 10;

/** Statements that split the generated districts into provinces of PROVINCE_DISTRICTS each. */
export function splitIntoProvinces(scale: Scale, root: { id: string; path: string }): string[] {
  const provinces = Math.ceil(scale.districts / PROVINCE_DISTRICTS);
  const statements: string[] = [];
  // Beside the demo province: under the central union when there is one.
  const parentPath = root.path.replace(/[^/]+\/$/, '');
  for (let n = 2; n <= provinces; n++) {
    const code = `GP${String(n).padStart(2, '0')}`;
    const first = (n - 1) * PROVINCE_DISTRICTS + 1;
    const districts = `"code" BETWEEN 'GD${String(first).padStart(3, '0')}' AND 'GD${String(first + PROVINCE_DISTRICTS - 1).padStart(3, '0')}'`;
    statements.push(
      `INSERT INTO "OrgUnit" ("id","code","name","level","parentId","path","updatedAt")
       SELECT id, '${code}', 'Hội LHPN tỉnh Mẫu ${n}', 'PROVINCE', (SELECT "parentId" FROM "OrgUnit" WHERE "id" = '${root.id}'), '${parentPath}' || id || '/', now()
       FROM (SELECT gen_random_uuid() AS id) x`,
      // Descendants first (they find their district by its old path), then the districts themselves.
      `UPDATE "OrgUnit" u SET "path" = p."path" || substring(u."path" from length('${root.path}') + 1)
       FROM "OrgUnit" p, "OrgUnit" d
       WHERE p."code" = '${code}' AND d."level" = 'DISTRICT' AND d.${districts} AND d."parentId" = '${root.id}'
         AND u."path" LIKE d."path" || '%' AND u."id" <> d."id"`,
      `UPDATE "OrgUnit" d SET "parentId" = p."id", "path" = p."path" || d."id" || '/'
       FROM "OrgUnit" p WHERE p."code" = '${code}' AND d."level" = 'DISTRICT' AND d.${districts} AND d."parentId" = '${root.id}'`,
    );
  }
  return statements;
}

export const SCALES: Record<string, Scale> = {
  demo: { districts: 2, communesPerDistrict: 5, groupsPerCommune: 10, members: 2_500, loans: 3_000, months: 24 },
  province: { districts: 10, communesPerDistrict: 20, groupsPerCommune: 20, members: 100_000, loans: 120_000, months: 24 },
  national: { districts: 100, communesPerDistrict: 20, groupsPerCommune: 20, members: 1_000_000, loans: 1_200_000, months: 24 },
};

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Thị', 'Thị', 'Thị', 'Thị Thu', 'Thị Kim', 'Thị Ngọc', 'Thị Thanh', 'Thị Minh'];
const GIVEN = ['Hoa', 'Lan', 'Mai', 'Hương', 'Thủy', 'Hằng', 'Nga', 'Yến', 'Thảo', 'Hạnh', 'Dung', 'Liên', 'Oanh', 'Tuyết', 'Ánh', 'Bích', 'Cúc', 'Đào', 'Giang', 'Huệ', 'Loan', 'Nhung', 'Phượng', 'Quyên', 'Sen', 'Trang', 'Uyên', 'Vân'];
const FOLD = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const array = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

/** The monthly rate of a generated loan's programme (as the Loan insert chooses it: HN, HCN, GQVL, NSVS; QQV for the fund's groups). */
const GENERATED_RATE = `CASE WHEN l.kind = 'VBSP' THEN (ARRAY[0.0055, 0.0066, 0.0055, 0.0090])[1 + l.j % 4] ELSE 0.0050 END`;

/** Two chapters (chi hội) in each generated commune whose code is LIKE the pattern. */
export const chaptersSql = (communeCodes: string) => `INSERT INTO "OrgUnit" ("id","code","name","level","parentId","path","updatedAt","unionMemberCount")
     SELECT id, code, name, 'CHAPTER', parent, ppath || id || '/', now(), 150 + (random() * 250)::int
     FROM (SELECT gen_random_uuid() AS id, c."code" || '-CH' || h AS code, 'Chi hội ' || h AS name, c."id" AS parent, c."path" AS ppath
           FROM "OrgUnit" c, generate_series(1, 2) h WHERE c."code" LIKE '${communeCodes}' AND c."level" = 'COMMUNE') x`;

/** A generated group's kind and size (columns of gen_group, group number g): sizes skewed 5–60, one in ten a revolving-fund group. */
export const GROUP_KIND_AND_SIZE = `CASE WHEN g % 10 = 0 THEN 'REVOLVING' ELSE 'VBSP' END AS kind,
       greatest(5, least(60, (12 + 30 * power(random(), 1.6))::int)) AS size`;

/** The statements, in order. `province` is the id and path of the province the tree hangs under. */
export function generatorSql(scale: Scale, seed: number, province: { id: string; path: string }, today: string): string[] {
  const start = `(date_trunc('month', DATE '${today}') - interval '${scale.months} months')::date`;
  return [
    `SELECT setseed(${(seed % 1000) / 1000})`,
    // Districts GD01.., communes GD01-C001.., two chapters each.
    `INSERT INTO "OrgUnit" ("id","code","name","level","parentId","path","updatedAt")
     SELECT id, 'GD' || lpad(d::text, 3, '0'), 'Hội LHPN huyện Mẫu ' || d, 'DISTRICT', '${province.id}', '${province.path}' || id || '/', now()
     FROM (SELECT gen_random_uuid() AS id, d FROM generate_series(1, ${scale.districts}) d) x`,
    `INSERT INTO "OrgUnit" ("id","code","name","level","parentId","path","updatedAt")
     SELECT id, code, name, 'COMMUNE', parent, ppath || id || '/', now()
     FROM (SELECT gen_random_uuid() AS id, dist."code" || '-C' || lpad(c::text, 3, '0') AS code, 'Hội LHPN xã Mẫu ' || substr(dist."code", 3) || '.' || c AS name,
                  dist."id" AS parent, dist."path" AS ppath
           FROM "OrgUnit" dist, generate_series(1, ${scale.communesPerDistrict}) c WHERE dist."code" LIKE 'GD%' AND dist."level" = 'DISTRICT') x`,
    chaptersSql('GD%-C%'),
    // Groups: sizes skewed 5–60 (most 15–35), kinds mostly VBSP, some revolving-fund groups.
    `CREATE TEMP TABLE gen_group AS
     SELECT gen_random_uuid() AS id, c."id" AS commune, g AS n, row_number() OVER () AS rn,
       ${GROUP_KIND_AND_SIZE}, 1 AS chunk
     FROM "OrgUnit" c, generate_series(1, ${scale.groupsPerCommune}) g WHERE c."code" LIKE 'GD%-C%' AND c."level" = 'COMMUNE'`,
    ...registerSql(scale, start, today),
  ];
}

/**
 * Groups, members, loans with their postings, savings — from the temp table gen_group (id, commune,
 * n, rn, kind, size, chunk) the shape's statements made; drops the temp tables and analyses.
 */
export function registerSql(scale: RegisterScale, start: string, today: string): string[] {
  const chunks = scale.chunks ?? 1;
  /** One statement, or one per chunk when the scale is written in chunks (`{chunk}` is its filter). */
  const perChunk = (statement: (filter: string) => string) =>
    chunks === 1 ? [statement('')] : Array.from({ length: chunks }, (_, k) => statement(` AND chunk = ${k + 1}`));
  return [
    `INSERT INTO "Group" ("id","orgUnitId","code","name","programmeKind","meetingDay","updatedAt")
     SELECT id, commune, CASE WHEN kind = 'VBSP' THEN 'TK-' ELSE 'QQV-' END || lpad(n::text, 2, '0'), CASE WHEN kind = 'VBSP' THEN 'Tổ TK&VV số ' ELSE 'Nhóm TK-TD số ' END || n,
       kind::"ProgrammeKind", 1 + (n * 7) % 28, now() FROM gen_group`,
    // Members: each group gets its share of the total in proportion to its size (one pass).
    `CREATE TEMP TABLE gen_member AS
     WITH total AS (SELECT sum(size) AS t FROM gen_group),
          per AS (SELECT g.id, g.commune, g.rn, g.chunk, greatest(1, round(g.size * ${scale.members}::numeric / total.t))::int AS n FROM gen_group g, total)
     SELECT gen_random_uuid() AS id, (row_number() OVER (ORDER BY per.rn, k))::int AS i, per.id AS grp, per.commune, 1960 + (random() * 39)::int AS birth, per.chunk
     FROM per, generate_series(1, per.n) k`,
    `INSERT INTO "Member" ("id","orgUnitId","groupId","code","fullName","searchName","gender","birthYear","nationalId","activeNationalId","phone","householdCategory","isUnionMember","joinedAt","updatedAt")
     SELECT id, commune, grp, 'M' || lpad(i::text, 7, '0'), fam || ' ' || mid || ' ' || giv, lower(${foldExpr('fam || \' \' || mid || \' \' || giv')}), 'FEMALE', birth,
       cccd, cccd,
       '09' || lpad(((i::bigint * 7919) % 100000000)::text, 8, '0'),
       (ARRAY['POOR','NEAR_POOR','NEAR_POOR','ESCAPED_POVERTY','ORDINARY','POLICY'])[1 + i % 6]::"HouseholdCategory", i % 5 <> 0, ${start}, now()
     FROM (SELECT m.*, (${array(FAMILY)})[1 + (i * 31) % ${FAMILY.length}] AS fam, (${array(MIDDLE)})[1 + (i * 17) % ${MIDDLE.length}] AS mid,
                  (${array(GIVEN)})[1 + (i * 13) % ${GIVEN.length}] AS giv,
                  -- Valid CCCD numbers, registered outside the demo's province (036) so they never collide with it.
                  (ARRAY['001','002','004','006','008','010'])[1 + (i / 999999)] || CASE WHEN birth >= 2000 THEN '3' ELSE '1' END
                    || lpad((birth % 100)::text, 2, '0') || lpad((i % 999999)::text, 6, '0') AS cccd
           FROM gen_member m) x`,
    `INSERT INTO "MemberGroupHistory" ("memberId","groupId","fromDate","reason") SELECT id, grp, ${start}, 'JOIN' FROM gen_member`,
    `UPDATE "Group" g SET "leaderId" = x.id FROM (SELECT DISTINCT ON (grp) grp, id FROM gen_member ORDER BY grp, i) x WHERE x.grp = g."id"`,
    // Loans: disbursed over the months, 10–50 million over 24–36 months (VBSP), 5–10 million (fund).
    `CREATE TEMP TABLE gen_loan AS
     SELECT gen_random_uuid() AS id, j, m.id AS member, m.grp, m.commune, gg.kind,
       (${start} + ((random() * (${scale.months} - 1))::int || ' months')::interval + ((random() * 20)::int || ' days')::interval)::date AS disbursed,
       CASE WHEN gg.kind = 'VBSP' THEN (10 + (random() * 8)::int * 5) * 1000000 ELSE (5 + (random() * 5)::int) * 1000000 END::bigint AS amount,
       CASE WHEN gg.kind = 'VBSP' THEN ${scale.vbspTerm ?? '36'} ELSE 24 END AS term,
       random() < 0.06 AS late
       , 1 + (j - 1) / mc.n AS round, m.chunk
     FROM generate_series(1, ${scale.loans}) j
     CROSS JOIN (SELECT count(*)::int AS n FROM gen_member) mc
     JOIN gen_member m ON m.i = 1 + ((j - 1) % mc.n)
     JOIN gen_group gg ON gg.id = m.grp`,
    `INSERT INTO "Loan" ("id","number","orgUnitId","groupId","memberId","programmeId","round","amountRequested","amountApproved","amountDisbursed","termMonths","purpose","householdCategory","status","appliedAt","decidedAt","disbursedAt","maturityDate","updatedAt")
     SELECT l.id, 'GEN-' || lpad(l.j::text, 8, '0'), l.commune, l.grp, l.member,
       (SELECT "id" FROM "Programme" WHERE "code" = CASE WHEN l.kind = 'VBSP' THEN (ARRAY['HN','HCN','GQVL','NSVS'])[1 + l.j % 4] ELSE 'QQV' END),
       l.round, l.amount, l.amount, l.amount, l.term, 'Chăn nuôi, trồng trọt', 'POOR', 'DISBURSED', l.disbursed, l.disbursed, l.disbursed,
       (l.disbursed + (l.term || ' months')::interval)::date, now()
     FROM gen_loan l`,
    `INSERT INTO "LoanTransaction" ("loanId","kind","date","amount","principal") SELECT id, 'DISBURSEMENT', disbursed, amount, amount FROM gen_loan`,
    // Monthly repayments up to today: equal principal (the last part takes the remainder, so a loan
    // repaid to the end closes), and interest on the balance at the programme's rate for a month of
    // 31 days, rounded up — never less than the loan engine accrues, so an on-time payer is never
    // overdue in the engine's eyes (the slack goes to principal ahead of schedule). Late payers stop
    // after some months.
    ...perChunk(
      (chunk) => `INSERT INTO "LoanTransaction" ("loanId","kind","date","amount","principal","interest")
     SELECT l.id, 'REPAYMENT', d, p + i, p, i FROM (
       SELECT l.id, (l.disbursed + (k || ' months')::interval)::date AS d,
         CASE WHEN k = l.term THEN l.amount - (l.amount / l.term) * (l.term - 1) ELSE l.amount / l.term END AS p,
         ceil((l.amount - (l.amount / l.term) * (k - 1)) * ${GENERATED_RATE} * 31 / 30)::bigint AS i, l.late, k, l.j
       FROM gen_loan l, generate_series(1, 36) k
       WHERE k <= l.term AND (l.disbursed + (k || ' months')::interval)::date < DATE '${today}'${chunk}
     ) l WHERE NOT (l.late AND l.k > 2 + l.j % 6)`,
    ),
    // Fresh statistics first: without them the planner joins the loans to the postings' sums by a
    // nested loop (minutes at country scale).
    `ANALYZE "Loan", "LoanTransaction"`,
    `UPDATE "Loan" x SET "cachedOutstanding" = x."amountDisbursed" - s.paid, "cachedAsOf" = DATE '${today}',
       "status" = CASE WHEN x."amountDisbursed" - s.paid <= 0 THEN 'CLOSED'::"LoanStatus" ELSE 'DISBURSED'::"LoanStatus" END
     FROM (SELECT "loanId", sum("principal") AS paid FROM "LoanTransaction" WHERE "kind" = 'REPAYMENT' GROUP BY 1) s
     WHERE s."loanId" = x."id" AND x."number" LIKE 'GEN-%'`,
    `UPDATE "Loan" x SET "cachedOutstanding" = x."amountDisbursed", "cachedAsOf" = DATE '${today}' WHERE x."number" LIKE 'GEN-%' AND x."cachedAsOf" IS NULL`,
    `UPDATE "Loan" x SET "cachedOverdue" = least(x."cachedOutstanding", (x."amountDisbursed" / x."termMonths") * greatest(0, (DATE '${today}' - l.disbursed) / 30 - (2 + l.j % 6))),
       "cachedDaysPastDue" = greatest(0, (DATE '${today}' - l.disbursed) - 30 * (3 + l.j % 6))
     FROM gen_loan l WHERE l.id = x."id" AND l.late`,
    // Savings: six members in ten save monthly in the member-savings scheme.
    `CREATE TEMP TABLE gen_account AS
     SELECT gen_random_uuid() AS id, m.id AS member, m.commune, m.i, m.chunk FROM gen_member m WHERE m.i % 10 < ${scale.saversPerTen ?? 6}`,
    `INSERT INTO "SavingsAccount" ("id","schemeId","memberId","orgUnitId","openedAt")
     SELECT id, (SELECT "id" FROM "SavingsScheme" WHERE "code" = 'TKTV'), member, commune, ${start} FROM gen_account`,
    ...perChunk(
      (chunk) => `INSERT INTO "SavingsTransaction" ("accountId","kind","date","amount")
     SELECT a.id, 'DEPOSIT', (${start} + ((k - 1) || ' months')::interval + interval '4 days')::date, (200 + (a.i % 4) * 100) * 1000
     FROM gen_account a, generate_series(1, ${scale.months}) k
     WHERE (${start} + ((k - 1) || ' months')::interval + interval '4 days')::date < DATE '${today}' AND (a.i + k) % 4 <> 0${chunk}`,
    ),
    `DROP TABLE gen_group, gen_member, gen_loan, gen_account`,
    `ANALYZE`,
  ];
}

/** A SQL expression folding Vietnamese diacritics (for the accent-insensitive search column). */
function foldExpr(expr: string): string {
  const from = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ';
  return `translate(${expr}, '${from}', '${FOLD(from)}')`;
}
