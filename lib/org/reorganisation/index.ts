export * from './schemas';
export * from './plan';
export * from './apply';
export * from './restatement';
