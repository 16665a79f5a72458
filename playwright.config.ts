import { defineConfig, devices } from '@playwright/test';
import { E2E_EXPORT_DIR, E2E_INSTANCE_ID } from './tests/e2e/server-env';

// End-to-end tests drive Debian's Chromium (no browser download) against the production build,
// started by the same command users run. `npm test` gives it a fresh database each run.
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  // How pages look, read aloud and load (screenshots, accessibility, keyboard, script size) does not
  // depend on the database, and the crash test runs its own server on its own embedded database:
  // CI's second round (PostgreSQL) sets E2E_SKIP_UI_ONLY=1 to leave those out.
  // Two server instances share one PostgreSQL database (decision 026): that spec is left out on the
  // embedded database, which belongs to one process.
  testIgnore: [
    ...(process.env.E2E_SKIP_UI_ONLY ? ['**/pages.spec.ts', '**/keyboard.spec.ts', '**/bundle-size.spec.ts', '**/crash-server.spec.ts'] : []),
    ...(process.env.E2E_DATABASE_URL ? [] : ['**/two-instances.spec.ts']),
  ],
  outputDir: 'tests/.artifacts/e2e-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'tests/.artifacts/playwright.json' }]],
  use: {
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx lib/cli/start.ts',
    url: `${baseURL}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      PGLITE_DIR: process.env.E2E_PGLITE_DIR ?? 'tests/.artifacts/e2e-data',
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      // Migrations as the owner, the server as a role that owns nothing (decision 020), on PostgreSQL.
      DATABASE_OWNER_URL: process.env.E2E_DATABASE_OWNER_URL ?? '',
      // Reports from a streaming replica of it when `npm test` runs with DATABASE_REPLICA_URL (decision 021).
      DATABASE_REPLICA_URL: process.env.E2E_DATABASE_REPLICA_URL ?? '',
      DEMO_PASSWORD: '',
      // The server and the specs read the same clock (the specs compute the demo's dates from it).
      APP_CLOCK: process.env.APP_CLOCK ?? '',
      // Export files in a folder a second instance shares (tests/e2e/two-instances.spec.ts, decision 026).
      EXPORT_DIR: E2E_EXPORT_DIR,
      INSTANCE_ID: E2E_INSTANCE_ID,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
