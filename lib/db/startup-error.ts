/** A failure to start that the operator can fix; printed as one sentence, exit code 1. */
export class StartupError extends Error {}
