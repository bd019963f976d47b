import { api } from './client';
import type { StatusResponse } from './types';

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

export const hasEnded = (s: StatusResponse | undefined): boolean => s?.status === 'finished' || s?.status === 'error';

export interface WaitOptions {
  signal: AbortSignal;
  intervalMs: number;
  /** After each round: the latest status of every task asked about so far, and the round's error (only with `keepGoing`). */
  onRound?: (latest: Record<string, StatusResponse>, error: unknown) => void;
  /** Go on polling when a round fails (else the error is thrown). */
  keepGoing?: boolean;
}

/**
 * Polls `/status` of the tasks not ended yet, every `intervalMs`, until all have finished or failed
 * or `signal` aborts (callers check it); resolves with their last statuses.
 */
export async function waitForTasks(uuids: readonly string[], opts: WaitOptions): Promise<Record<string, StatusResponse>> {
  const { signal, intervalMs, onRound, keepGoing = false } = opts;
  const latest: Record<string, StatusResponse> = {};
  for (;;) {
    const pending = uuids.filter((u) => !hasEnded(latest[u]));
    if (pending.length === 0 || signal.aborted) return latest;
    let error: unknown = null;
    try {
      await Promise.all(pending.map(async (u) => (latest[u] = await api.status(u, signal))));
    } catch (e) {
      if (signal.aborted) return latest;
      if (!keepGoing) throw e;
      error = e;
    }
    if (signal.aborted) return latest;
    onRound?.({ ...latest }, error);
    if (uuids.every((u) => hasEnded(latest[u]))) return latest;
    await sleep(intervalMs, signal);
  }
}
