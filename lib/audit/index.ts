export * from './write-audit';
export * from './list-audit';
