import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { catalogues } from './messages';
import { translateError } from './translate';

describe('an error says each message once (issue 21 §7)', () => {
  it('does not repeat a field message that is the error\'s own', () => {
    const params = { row: 3 };
    const error = new AppError('VALIDATION', 'inspections.followUpRequired', params, { 'action-usedAsIntended': { key: 'inspections.followUpRequired', params } });
    const said = translateError('vi', error);
    expect(said.message).toBe('Dòng 3: nội dung không đạt phải có việc cần khắc phục, người chịu trách nhiệm và hạn.');
    expect(said.fields).toEqual({ 'action-usedAsIntended': said.message });
  });

  it('lists distinct field messages once after the summary', () => {
    const error = new AppError('VALIDATION', 'errors.validation', { count: 3 }, {
      a: { key: 'validation.required', params: { field: 'date' } },
      b: { key: 'validation.required', params: { field: 'date' } },
      c: { key: 'validation.date', params: { field: 'date' } },
    });
    expect(translateError('vi', error).message).toBe(
      'Dữ liệu chưa hợp lệ: Ngày không được để trống. Ngày phải là ngày có thật, viết ngày/tháng/năm (dd/mm/yyyy), ví dụ 29/02/2028.',
    );
  });
});

describe('English counts agree with their nouns (issue 21 §7)', () => {
  const en = createTranslator({ locale: 'en', messages: catalogues.en });
  const vi = createTranslator({ locale: 'vi', messages: catalogues.vi });

  it('says "1 group", "2 groups" and the like', () => {
    expect(en('inspections.detail.findingsSaved', { count: 1 })).toBe('1 item saved.');
    expect(en('inspections.detail.findingsSaved', { count: 2 })).toBe('2 items saved.');
    expect(en('groups.merged', { count: 1 })).toBe('1 member merged in.');
    expect(en('reports.disbursedSub', { borrowers: 1, loans: 2 })).toBe('1 borrower, 2 loans');
    expect(en('reports.borrowersSub', { count: 1 })).toBe('1 household with a balance');
    expect(en('dashboard.rankingTitle', { count: 2 })).toBe('2 communes ranked by outstanding');
    expect(en('dashboard.work.overdue', { count: 1, amount: '5.000.000 ₫' })).toBe('1 overdue loan (5.000.000 ₫)');
    expect(en('loans.page.batchHelp', { count: 1 })).toBe('1 approved loan will be disbursed on the same date.');
    expect(en('reports.bucketOver', { from: 1 })).toBe('Over 1 day');
    expect(en('errors.fixFields', { count: 1 })).toBe('Not saved: 1 field needs correcting; see the message at the field marked in red.');
    expect(en('errors.fixFields', { count: 2 })).toBe('Not saved: 2 fields need correcting; see the message at the field marked in red.');
  });

  it('leaves Vietnamese, which has no plural, as it was', () => {
    expect(vi('inspections.detail.findingsSaved', { count: 1 })).toBe('Đã lưu 1 nội dung.');
    expect(vi('errors.fixFields', { count: 2 })).toBe('Chưa lưu: 2 ô cần sửa, xem thông báo ở ô được đánh dấu đỏ.');
  });
});
