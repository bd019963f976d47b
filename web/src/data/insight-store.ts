import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, messageOf } from '../api/client';
import { sleep } from '../api/poll';
import type { InsightResult, InsightTest } from '../api/types';
import { INSIGHT_BUILDS, insightInSearch, searchWithInsight } from '../logic/insight';
import { replaceSearch } from '../router';

const POLL_MS = 1000;
const STORAGE_PREFIX = 'stackviz:insight:';

export type InsightState =
  | { kind: 'idle' }
  | { kind: 'asking' }
  | { kind: 'running'; uuid: string; done: number; total: number }
  | { kind: 'finished'; result: InsightResult; byName: Map<string, InsightTest> }
  | { kind: 'failed'; message: string };

const IDLE: InsightState = { kind: 'idle' };

/** The insight state's uuid, when it has one. */
function uuidOf(state: InsightState): string | null {
  if (state.kind === 'running') return state.uuid;
  return state.kind === 'finished' ? state.result.uuid : null;
}

/**
 * The insight a task was given, remembered in this browser too (a page opened without `?insight=`);
 * the service would return it again anyway when asked.
 */
function remembered(task: string): string | null {
  try {
    return localStorage.getItem(STORAGE_PREFIX + task);
  } catch {
    return null;
  }
}

function remember(task: string, uuid: string | null): void {
  try {
    if (uuid) localStorage.setItem(STORAGE_PREFIX + task, uuid);
    else localStorage.removeItem(STORAGE_PREFIX + task);
  } catch {
    /* storage unavailable: the insight is simply not resumed after a reload */
  }
}

/**
 * Flake insight per task, shared by the summary's panel and the verdict badges on its failure rows:
 * asking starts one (or gets the task's existing one), then it is polled until its verdicts are in.
 */
class InsightStore {
  private readonly states = new Map<string, InsightState>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly following = new Set<string>();

  get(task: string): InsightState {
    return this.states.get(task) ?? IDLE;
  }

  subscribe(task: string, listener: () => void): () => void {
    const set = this.listeners.get(task) ?? new Set();
    set.add(listener);
    this.listeners.set(task, set);
    return () => set.delete(listener);
  }

  async ask(task: string): Promise<void> {
    this.set(task, { kind: 'asking' });
    try {
      const { uuid } = await api.insight(task, INSIGHT_BUILDS);
      remember(task, uuid);
      await this.follow(task, uuid);
    } catch (e) {
      this.set(task, { kind: 'failed', message: messageOf(e) });
    }
  }

  /** Picks up an insight asked for before this page was loaded: the one its URL names, else the one this browser remembers. */
  resume(task: string, fromUrl: string | null): void {
    const uuid = fromUrl ?? remembered(task);
    if (uuid && this.get(task).kind === 'idle') void this.follow(task, uuid).catch(() => this.set(task, IDLE));
  }

  private async follow(task: string, uuid: string): Promise<void> {
    if (this.following.has(task)) return;
    this.following.add(task);
    try {
      for (;;) {
        let answer;
        try {
          answer = await api.insightResult(uuid);
        } catch (e) {
          // Purged with the runs it read: ask again from scratch.
          if (e instanceof ApiError && e.notFound) {
            remember(task, null);
            this.set(task, IDLE);
            return;
          }
          throw e;
        }
        if (answer.finished) {
          const { result } = answer;
          // A URL naming another task's insight: this task has none yet.
          if (result.task !== task) {
            this.set(task, IDLE);
            return;
          }
          remember(task, uuid);
          this.set(task, { kind: 'finished', result, byName: new Map(result.tests.map((t) => [t.name, t])) });
          return;
        }
        this.set(task, { kind: 'running', uuid, done: answer.progress.done, total: answer.progress.total });
        await sleep(POLL_MS);
      }
    } finally {
      this.following.delete(task);
    }
  }

  private set(task: string, state: InsightState): void {
    this.states.set(task, state);
    this.listeners.get(task)?.forEach((l) => l());
  }
}

export const insightStore = new InsightStore();

/**
 * The task's insight state, re-rendering on every change; resumes one asked for earlier (the page's
 * `?insight=`, else this browser's memory) and keeps the one it shows in the page's URL, so a reload
 * or a copied link shows the same verdicts.
 */
export function useInsight(task: string | null): InsightState {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!task) return;
    const unsubscribe = insightStore.subscribe(task, () => setTick((n) => n + 1));
    insightStore.resume(task, insightInSearch(location.search));
    return unsubscribe;
  }, [task]);
  const state = task ? insightStore.get(task) : IDLE;
  const uuid = uuidOf(state);
  useEffect(() => {
    if (uuid && insightInSearch(location.search) !== uuid) replaceSearch(searchWithInsight(location.search, uuid));
  }, [uuid]);
  return state;
}
