export * from './breaches';
export * from './schemas';
