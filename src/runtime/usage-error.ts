/** The command line was wrong (exit 2), as opposed to the work failing (exit 1). */
export class UsageError extends Error {}
