/**
 * History state of a `/go/<query>` entry made by typing a query: list its jobs and wait for a choice.
 * A shared or pasted `/go/` link has none and starts the scrape itself when the query names one job.
 */
export const LIST_ONLY = { listOnly: true };
export const isListOnly = (state: unknown) => (state as { listOnly?: boolean } | null)?.listOnly === true;
