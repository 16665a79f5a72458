export * from './checklist';
export * from './schemas';
export * from './plans';
export * from './record-inspection';
export * from './findings';
export * from './attachments';
export * from './coverage';
export * from './form-options';
