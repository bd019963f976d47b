import type { TestRecord } from '../data/types';

export interface Lane {
  /** The worker tag, or null for the lane of untagged tests. */
  worker: string | null;
  label: string;
  /** Sorted by start time. */
  tests: TestRecord[];
}

export const UNTAGGED_LABEL = 'no worker';

function workerNumber(worker: string): number {
  const n = Number(worker.slice('worker-'.length));
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

/** One lane per worker tag in numeric order (worker-2 before worker-10), untagged tests last. */
export function assignLanes(tests: readonly TestRecord[]): Lane[] {
  const byWorker = new Map<string | null, TestRecord[]>();
  for (const t of tests) {
    const list = byWorker.get(t.worker);
    if (list) list.push(t);
    else byWorker.set(t.worker, [t]);
  }
  const workers = [...byWorker.keys()].filter((w): w is string => w !== null);
  workers.sort((a, b) => workerNumber(a) - workerNumber(b) || a.localeCompare(b));
  const lanes: Lane[] = workers.map((w) => ({ worker: w, label: w, tests: byWorker.get(w)! }));
  const untagged = byWorker.get(null);
  if (untagged) lanes.push({ worker: null, label: UNTAGGED_LABEL, tests: untagged });
  for (const lane of lanes) lane.tests.sort((a, b) => a.start - b.start || a.end - b.end);
  return lanes;
}

/** Index of the lane holding a test, or -1. */
export function laneOf(lanes: readonly Lane[], test: TestRecord): number {
  return lanes.findIndex((l) => l.worker === test.worker);
}

/** The neighbour of `test` in its lane (`step` -1 = previous, +1 = next), or null at the ends. */
export function stepInLane(lanes: readonly Lane[], test: TestRecord, step: -1 | 1): TestRecord | null {
  const lane = lanes[laneOf(lanes, test)];
  if (!lane) return null;
  const at = lane.tests.indexOf(test);
  return lane.tests[at + step] ?? null;
}

/** The test in the adjacent lane closest in time to `test`, for up/down keys. */
export function nearestInNextLane(lanes: readonly Lane[], test: TestRecord, step: -1 | 1): TestRecord | null {
  const lane = lanes[laneOf(lanes, test) + step];
  if (!lane || lane.tests.length === 0) return null;
  const mid = (test.start + test.end) / 2;
  let best = lane.tests[0];
  let bestGap = Infinity;
  for (const t of lane.tests) {
    const gap = mid < t.start ? t.start - mid : mid > t.end ? mid - t.end : 0;
    if (gap < bestGap) {
      best = t;
      bestGap = gap;
    }
  }
  return best;
}
