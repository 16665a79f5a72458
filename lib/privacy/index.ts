export * from './personal-fields';
export * from './purpose';
export * from './record-access';
export * from './record-export';
export * from './list-access';
