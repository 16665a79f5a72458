import { chaptersSql, GROUP_KIND_AND_SIZE, registerSql, type RegisterScale } from './province-sql';

// Country scale (issue 23 §2): the map since 1 July 2025 — 34 provinces and 3,321 communes, each
// commune directly under its province (two-tier), about 45,000 groups, 1.8 million borrowers with
// five years of monthly repayments (about 40 million postings) and members' savings. The demo
// province (Ninh Bình) is province 1; GP02…GP34 are made beside it under the central union.
// The postings and savings are written province by province, so the command shows its progress.

export interface CountryScale extends RegisterScale {
  provinces: number;
  communes: number;
  /** Average groups per commune (45,000 / 3,321). */
  groupsPerCommune: number;
}

export const COUNTRY: CountryScale = {
  provinces: 34,
  communes: 3_321,
  groupsPerCommune: 13.55,
  members: 2_200_000,
  loans: 1_800_000,
  months: 60,
  // Terms of 24 and 36 months: over five years about 22 repayments a loan, 40 million in all.
  vbspTerm: '(ARRAY[24, 36])[1 + j % 2]',
  saversPerTen: 2,
  chunks: 34,
};

/** The statements, in order; `root` is the demo province (province 1). */
export function countrySql(scale: CountryScale, seed: number, root: { id: string; path: string }, today: string): string[] {
  const start = `(date_trunc('month', DATE '${today}') - interval '${scale.months} months')::date`;
  const parentPath = root.path.replace(/[^/]+\/$/, '');
  const perProvince = Math.floor(scale.communes / scale.provinces);
  const withOneMore = scale.communes % scale.provinces;
  const groups = Math.floor(scale.groupsPerCommune);
  const oneMoreGroup = scale.groupsPerCommune - groups;
  return [
    `SELECT setseed(${(seed % 1000) / 1000})`,
    `CREATE TEMP TABLE gen_province AS
     SELECT 1 AS p, '${root.id}'::uuid AS id, '${root.path}'::text AS path
     UNION ALL SELECT p, id, '${parentPath}' || id || '/' FROM (SELECT p, gen_random_uuid() AS id FROM generate_series(2, ${scale.provinces}) p) x`,
    `INSERT INTO "OrgUnit" ("id","code","name","level","parentId","path","updatedAt")
     SELECT id, 'GP' || lpad(p::text, 2, '0'), 'Hội LHPN tỉnh Mẫu ' || p, 'PROVINCE', (SELECT "parentId" FROM "OrgUnit" WHERE "id" = '${root.id}'), path, now()
     FROM gen_province WHERE p > 1`,
    // 97 or 98 communes a province, each directly under it.
    `INSERT INTO "OrgUnit" ("id","code","name","level","parentId","path","updatedAt")
     SELECT id, 'GX' || lpad(p::text, 2, '0') || '-C' || lpad(c::text, 3, '0'), 'Hội LHPN xã Mẫu ' || p || '.' || c, 'COMMUNE', pid, ppath || id || '/', now()
     FROM (SELECT gen_random_uuid() AS id, pr.p, c, pr.id AS pid, pr.path AS ppath
           FROM gen_province pr, generate_series(1, ${perProvince + 1}) c
           WHERE c <= ${perProvince} + CASE WHEN pr.p <= ${withOneMore} THEN 1 ELSE 0 END) x`,
    chaptersSql('GX%-C%'),
    // Groups as at province scale (sizes 5–60, one in ten a revolving-fund group); the province is the chunk.
    `CREATE TEMP TABLE gen_group AS
     SELECT gen_random_uuid() AS id, c."id" AS commune, g AS n, row_number() OVER () AS rn,
       ${GROUP_KIND_AND_SIZE}, substring(c."code" from 3 for 2)::int AS chunk
     FROM "OrgUnit" c, generate_series(1, ${groups + 1}) g
     WHERE c."code" LIKE 'GX%-C%' AND c."level" = 'COMMUNE' AND (g <= ${groups} OR random() < ${oneMoreGroup.toFixed(4)})`,
    `DROP TABLE gen_province`,
    ...snapshotTriggers('DISABLE'),
    ...postingIndexes('DROP'),
    ...registerSql(scale, start, today),
    ...postingIndexes('CREATE'),
    ...rebuildSnapshotsSql(scale.provinces),
    ...snapshotTriggers('ENABLE'),
  ];
}

/**
 * The postings' indexes, dropped while the country's 40 million loan postings and 20 million savings
 * movements are written and built once after (a sort instead of a random insert per row into
 * indexes far larger than the database's memory: the per-province inserts slowed from 36 to 70 s
 * as they grew). Same names and definitions as the migrations'; `db:generate` builds any missing
 * one if the load fails half-way.
 */
const POSTING_INDEXES: { table: string; name: string; create: string }[] = [
  { table: 'LoanTransaction', name: 'LoanTransaction_pkey', create: 'ALTER TABLE "LoanTransaction" ADD CONSTRAINT "LoanTransaction_pkey" PRIMARY KEY ("id")' },
  { table: 'LoanTransaction', name: 'LoanTransaction_idempotencyKey_key', create: 'CREATE UNIQUE INDEX "LoanTransaction_idempotencyKey_key" ON "LoanTransaction"("idempotencyKey")' },
  { table: 'LoanTransaction', name: 'LoanTransaction_loanId_date_idx', create: 'CREATE INDEX "LoanTransaction_loanId_date_idx" ON "LoanTransaction"("loanId", "date")' },
  { table: 'SavingsTransaction', name: 'SavingsTransaction_pkey', create: 'ALTER TABLE "SavingsTransaction" ADD CONSTRAINT "SavingsTransaction_pkey" PRIMARY KEY ("id")' },
  {
    table: 'SavingsTransaction', name: 'SavingsTransaction_idempotencyKey_key',
    create: 'CREATE UNIQUE INDEX "SavingsTransaction_idempotencyKey_key" ON "SavingsTransaction"("idempotencyKey")',
  },
  { table: 'SavingsTransaction', name: 'SavingsTransaction_accountId_date_idx', create: 'CREATE INDEX "SavingsTransaction_accountId_date_idx" ON "SavingsTransaction"("accountId", "date")' },
  // Not a posting index, but as costly to keep while 2.2 million members are written.
  { table: 'Member', name: 'Member_searchName_trgm_idx', create: 'CREATE INDEX "Member_searchName_trgm_idx" ON "Member" USING gin ("searchName" gin_trgm_ops)' },
];

export function postingIndexes(action: 'DROP' | 'CREATE'): string[] {
  if (action === 'CREATE') return POSTING_INDEXES.map((i) => i.create);
  return POSTING_INDEXES.map((i) => (i.name.endsWith('_pkey') ? `ALTER TABLE "${i.table}" DROP CONSTRAINT "${i.name}"` : `DROP INDEX "${i.name}"`));
}

/** The statements that build the posting indexes missing now (after a load stopped half-way). */
export const missingPostingIndexesSql = `SELECT name FROM unnest(ARRAY[${POSTING_INDEXES.map((i) => `'${i.name}'`).join(', ')}]) AS name
  WHERE NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = name)`;
export const createPostingIndex = (name: string) => POSTING_INDEXES.find((i) => i.name === name)!.create;

/**
 * The triggers that keep the ledger snapshots (LedgerMonth, LoanSpan, SavingsBalance) as postings
 * are written: off while the country's history is loaded, which then rebuilds the snapshots once,
 * with the triggers' own functions, province by province. (`db:generate` turns them back on if the
 * load fails half-way.)
 */
const SNAPSHOT_TRIGGERS = [['LoanTransaction', 'ledger_posting_insert'], ['Loan', 'ledger_loan_update'], ['SavingsTransaction', 'savings_movement_insert']];
export const snapshotTriggers = (action: 'ENABLE' | 'DISABLE') => SNAPSHOT_TRIGGERS.map(([table, name]) => `ALTER TABLE "${table}" ${action} TRIGGER "${name}"`);

function rebuildSnapshotsSql(provinces: number): string[] {
  const inCommunes = (alias: string, codes: string) => `JOIN "OrgUnit" o ON o."id" = ${alias}."orgUnitId" WHERE o."code" LIKE '${codes}'`;
  const inProvince = (alias: string, p: number) => inCommunes(alias, `GX${String(p).padStart(2, '0')}-C%`);
  return [
    ...Array.from({ length: provinces }, (_, k) => [
      `SELECT "ledger_refresh_groups"(ARRAY(SELECT g."id" FROM "Group" g ${inProvince('g', k + 1)})) -- province ${k + 1}: LedgerMonth`,
      `SELECT "ledger_refresh_spans"(ARRAY(SELECT l."id" FROM "Loan" l ${inProvince('l', k + 1)})) -- province ${k + 1}: LoanSpan`,
    ]).flat(),
    `INSERT INTO "SavingsBalance" AS b ("accountId", "balance", "lastEventOn")
     SELECT t."accountId", SUM(CASE WHEN t."kind" = 'DEPOSIT' THEN t."amount" ELSE -t."amount" END), MAX(t."date")
     FROM "SavingsTransaction" t JOIN "SavingsAccount" a ON a."id" = t."accountId" ${inCommunes('a', 'GX%-C%')} AND t."reversedAt" IS NULL
     GROUP BY 1
     ON CONFLICT ("accountId") DO UPDATE SET "balance" = b."balance" + EXCLUDED."balance", "lastEventOn" = GREATEST(b."lastEventOn", EXCLUDED."lastEventOn")`,
    `ANALYZE "LedgerMonth", "CommuneLedgerMonth", "CommuneBalance", "LoanSpan", "OpenLoanTally", "MemberNow", "CommuneNow", "MemberSpread", "GroupMembersNow", "SavingsBalance"`,
  ];
}
