// Next.js calls register() once when a server instance starts (lib/cli/serve.mjs's app.prepare(),
// or `next dev`). It starts the jobs the server runs itself (lib/jobs/scheduler.ts; not with
// SCHEDULER=off) and the worker that takes queued export and import jobs (lib/jobs/worker.ts; in
// every instance) — in the Node.js runtime only, not while `next build` renders pages. Vitest never loads
// this file. The scheduler uses the app's one database client (lib/db, cached on globalThis), so
// on the embedded database no second connection to its folder is opened.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    if (process.env.NEXT_PHASE === 'phase-production-build') return;
    const { startScheduler } = await import('./lib/jobs/scheduler');
    startScheduler();
    const { startJobWorker } = await import('./lib/jobs/worker');
    startJobWorker();
  }
}
