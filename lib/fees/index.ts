export * from './arithmetic';
export * from './schemas';
export * from './settings';
export * from './statements';
export { monthBounds, monthsBetween } from '@/lib/ledger/posting-sums';
