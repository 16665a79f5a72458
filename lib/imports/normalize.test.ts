import { describe, expect, it } from 'vitest';
import { escapeCell, unescapeCell } from './cell-escape';
import { foldVietnamese, normalizeCell } from './normalize';

describe('foldVietnamese', () => {
  it('compares names whatever the accents, case and spacing', () => {
    expect(foldVietnamese('Nguyễn Thị Ánh')).toBe('nguyen thi anh');
    expect(foldVietnamese('  ĐỖ   Văn\tĐức ')).toBe('do van duc');
    expect(foldVietnamese('Trần Thị Thuỷ')).toBe(foldVietnamese('TRAN THI THUY'));
  });

  it('treats decomposed accents (typed on some keyboards) like composed ones', () => {
    const decomposed = 'Nguyễn'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn');
    expect(foldVietnamese(decomposed)).toBe('nguyen');
  });
});

describe('normalizeCell', () => {
  it('trims and stores Vietnamese in its composed form', () => {
    expect(normalizeCell('  Lê Thị Hồng  '.normalize('NFD'))).toBe('Lê Thị Hồng');
  });
});

describe('formula-injection escaping', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['@cmd', "'@cmd"],
    ['+84 912 345 678', "'+84 912 345 678"],
    ['-2+3', "'-2+3"],
    ['\t=1', "'\t=1"],
    ["'=x", "''=x"],
  ])('escapes %j as %j and reads it back unchanged', (value, escaped) => {
    expect(escapeCell(value)).toBe(escaped);
    expect(unescapeCell(escaped)).toBe(value);
  });

  it.each(['-5000', '-12.5', '-1.234.567', '12', 'Nguyễn', "'5", ''])('leaves %j alone', (value) => {
    expect(escapeCell(value)).toBe(value);
    expect(unescapeCell(value)).toBe(value);
  });
});
