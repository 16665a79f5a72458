// Writing a large file is CPU work on the server's one JavaScript thread: the writers hand the
// event loop back every few hundred rows so a request arriving meanwhile (a dashboard, a sign-in)
// is served between two slices of the export instead of after it (issue 23 §6).

/**
 * Rows written between two turns given back to the event loop: ~10 ms of a members XLSX export's
 * work (reading included) on the 2-core benchmark machine. 500 held a dashboard request arriving
 * mid-export longer for no measurable gain in the export's own time (docs/scaling.md).
 */
export const ROWS_BETWEEN_TURNS = 100;

/** Resolves after the event loop has run once more: timers, I/O and other requests go first. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
