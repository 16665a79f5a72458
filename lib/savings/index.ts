export * from './schemas';
export * from './balance';
export * from './post-movement';
export * from './manage-accounts';
export * from './manage-schemes';
export * from './participation';
export * from './list-accounts';
