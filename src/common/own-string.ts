/**
 * `text` as a string of its own. V8 makes a substring of 13 characters or more (slice, split, trim)
 * a view that keeps its whole parent alive: one kept for long (in a list of a stream's failures)
 * pins a test's full id or its whole traceback.
 */
export function ownString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
