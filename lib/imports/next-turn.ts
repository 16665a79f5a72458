// Writing a large file is CPU work on the server's one JavaScript thread: the writers hand the
// event loop back every few hundred rows so a request arriving meanwhile (a dashboard, a sign-in)
// is served between two slices of the export instead of after it (issue 23 §6).

/** Rows written between two turns given back to the event loop (~50 ms of XLSX work at most). */
export const ROWS_BETWEEN_TURNS = 500;

/** Resolves after the event loop has run once more: timers, I/O and other requests go first. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
