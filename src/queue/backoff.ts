/** Exponential backoff with up to 50% jitter, as BullMQ's `{type: 'exponential', jitter: 0.5}`. */
export function backoffDelay(attempt: number, baseMs: number): number {
  const delay = baseMs * 2 ** (attempt - 1);
  return Math.round(delay * (1 - Math.random() * 0.5));
}
