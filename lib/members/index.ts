export * from './schemas';
export * from './national-id';
export * from './find-member';
export * from './create-member';
export * from './update-member';
export * from './list-members';
export * from './get-member';
export * from './consent';
