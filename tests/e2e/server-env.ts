import path from 'node:path';

// Settings every server instance of the suite shares (playwright.config.ts starts A; the
// two-instances spec starts B): one folder for export files, as several instances in production
// share one (decision 026), and names for their workers.

/** The shared EXPORT_DIR of the suite's servers. */
export const E2E_EXPORT_DIR = path.resolve('tests/.artifacts/e2e-exports');
/** INSTANCE_ID of the suite's own server (A). */
export const E2E_INSTANCE_ID = 'e2e-a';
