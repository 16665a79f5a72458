export * from './reports';
export * from './shared';
