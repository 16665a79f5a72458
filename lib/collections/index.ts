export * from './schemas';
export * from './get-collection-sheet';
export * from './save-collection-sheet';
export * from './list-sheets';
export * from './export-sheet';
export * from './meeting-dates';
export * from './import-sheet';
