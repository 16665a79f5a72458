export * from './schemas';
export * from './summary';
export * from './summary-export';
export { ratioOf } from './ratio';
export * from './bank-share';
