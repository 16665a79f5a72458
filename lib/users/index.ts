export * from './schemas';
export * from './create-user';
export * from './update-user';
export * from './list-users';
export * from './find-user';
export * from './api-tokens';
