export * from './reports';
export * from './shared';
export * from './export-report';
