export * from './write-audit';
export * from './list-audit';
export * from './failed-sign-ins';
