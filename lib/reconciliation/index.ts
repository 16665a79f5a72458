export * from './bank-list';
export * from './compare';
export * from './upload-statement';
export * from './get-reconciliation';
