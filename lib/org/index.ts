export * from './levels';
export * from './schemas';
export * from './find-org-unit';
export * from './list-org-units';
export * from './get-org-unit';
export * from './create-org-unit';
export * from './update-org-unit';
export * from './delete-org-unit';
