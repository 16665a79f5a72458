export * from './schemas';
export * from './summary';
export * from './summary-export';
export * from './bank-share';
