export * from './allowances';
export * from './balance';
export * from './allocations';
export * from './settlement';
export { assertFundOpen } from './guard';
