export * from './types';
export { readTable, type ImportFile } from './read-table';
export { writeCsv } from './write-csv';
export { writeXlsx, DATA_SHEET, INSTRUCTIONS_SHEET, type WriteXlsxOptions } from './write-xlsx';
export { buildTemplate } from './build-template';
export { buildErrorReport } from './build-error-report';
export { foldVietnamese } from './normalize';
export { streamToBuffer } from './web-stream';
