export * from './schemas';
export * from './get-collection-sheet';
export * from './save-collection-sheet';
