import type { FundSource, PrincipalFrequency, Tx } from '@/lib/db';

// Demo programmes. The VBSP poor-household rate of 0,55 %/month (2015) and near-poor at 120 % of
// it come from DOMAIN.md; the other rates are ILLUSTRATIVE ONLY: administrators enter real ones.
const PROGRAMMES: {
  code: string; name: string; fundSource: FundSource; rate: string; minTerm: number; maxTerm: number; min: bigint; max: bigint; frequency: PrincipalFrequency;
}[] = [
  { code: 'HN', name: 'Cho vay hộ nghèo', fundSource: 'VBSP', rate: '0.5500', minTerm: 12, maxTerm: 60, min: 1_000_000n, max: 100_000_000n, frequency: 'MONTHLY' },
  { code: 'HCN', name: 'Cho vay hộ cận nghèo', fundSource: 'VBSP', rate: '0.6600', minTerm: 12, maxTerm: 60, min: 1_000_000n, max: 100_000_000n, frequency: 'MONTHLY' },
  { code: 'HMTN', name: 'Cho vay hộ mới thoát nghèo', fundSource: 'VBSP', rate: '0.6875', minTerm: 12, maxTerm: 60, min: 1_000_000n, max: 100_000_000n, frequency: 'MONTHLY' },
  { code: 'GQVL', name: 'Cho vay giải quyết việc làm', fundSource: 'VBSP', rate: '0.5500', minTerm: 12, maxTerm: 120, min: 1_000_000n, max: 100_000_000n, frequency: 'QUARTERLY' },
  { code: 'HSSV', name: 'Cho vay học sinh, sinh viên', fundSource: 'VBSP', rate: '0.5500', minTerm: 12, maxTerm: 120, min: 1_000_000n, max: 60_000_000n, frequency: 'AT_MATURITY' },
  { code: 'NSVS', name: 'Cho vay nước sạch và vệ sinh môi trường', fundSource: 'VBSP', rate: '0.9000', minTerm: 12, maxTerm: 60, min: 1_000_000n, max: 25_000_000n, frequency: 'MONTHLY' },
  { code: 'COVID', name: 'Cho vay phục hồi sau dịch Covid-19', fundSource: 'VBSP', rate: '0.5500', minTerm: 12, maxTerm: 36, min: 1_000_000n, max: 100_000_000n, frequency: 'MONTHLY' },
  { code: 'QQV', name: 'Quỹ quay vòng Hội LHPN tỉnh', fundSource: 'REVOLVING', rate: '0.5000', minTerm: 12, maxTerm: 24, min: 1_000_000n, max: 10_000_000n, frequency: 'MONTHLY' },
  { code: 'TKCH', name: 'Vay từ tiết kiệm chi hội', fundSource: 'CHAPTER', rate: '0.5000', minTerm: 6, maxTerm: 24, min: 1_000_000n, max: 20_000_000n, frequency: 'MONTHLY' },
];

export async function seedProgrammes(tx: Tx) {
  for (const p of PROGRAMMES) {
    await tx.programme.create({
      data: {
        code: p.code, name: p.name, fundSource: p.fundSource, minTermMonths: p.minTerm, maxTermMonths: p.maxTerm, minAmount: p.min, maxAmount: p.max,
        principalFrequency: p.frequency, rates: { create: { effectiveFrom: new Date('2015-01-01T00:00:00Z'), monthlyRate: p.rate } },
      },
    });
  }
}
