import { describe, expect, it } from 'vitest';
import { checkNationalId, makeNationalId } from './national-id';

describe('CCCD numbers', () => {
  it('accepts a number consistent with the person', () => {
    // 036 Nam Định, 1 = woman born in the 1900s, 85 = 1985
    expect(checkNationalId('036185000123', { birthYear: 1985, gender: 'FEMALE' })).toBeNull();
    expect(checkNationalId('001302012345', { birthYear: 2002, gender: 'FEMALE' })).toBeNull();
    expect(checkNationalId('036185000123')).toBeNull();
  });

  it.each([
    ['03618500012', 'format'],
    ['0361850001234', 'format'],
    ['03618500012a', 'format'],
    ['003185000123', 'province'],
    ['036985000123', 'century'],
  ])('refuses %s (%s)', (value, problem) => {
    expect(checkNationalId(value)).toBe(problem);
  });

  it('refuses a number that contradicts the birth year or gender', () => {
    expect(checkNationalId('036185000123', { birthYear: 1986 })).toBe('birthYear');
    expect(checkNationalId('036185000123', { gender: 'MALE' })).toBe('gender');
  });

  it('makes valid numbers for demo data', () => {
    const id = makeNationalId('036', 'FEMALE', 1979, 42);
    expect(id).toBe('036179000042');
    expect(checkNationalId(id, { birthYear: 1979, gender: 'FEMALE' })).toBeNull();
  });
});
