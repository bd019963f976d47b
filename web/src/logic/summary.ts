import type { DetailsByName, RawStats, TestRecord } from '../data/types';
import { assignLanes } from './lanes';

export interface WorkerTime {
  /** The worker tag, or null for tests without one. */
  worker: string | null;
  label: string;
  count: number;
  /** Sum of the durations of the worker's tests, seconds. */
  testTime: number;
}

export interface FailureItem {
  name: string;
  duration: number;
  /** The traceback's last lines (StackViz shows the tail: that is where the assertion is). */
  tail: string;
}

export interface SkipItem {
  name: string;
  reason: string;
}

export interface RunSummary {
  total: number;
  counts: { status: string; count: number }[];
  start: number | null;
  end: number | null;
  /** Wall-clock seconds from the first start to the last end. */
  runTime: number;
  workers: WorkerTime[];
  failures: FailureItem[];
  skips: SkipItem[];
  slowest: TestRecord[];
}

const STATUS_ORDER = ['success', 'fail', 'skip', 'xfail', 'uxsuccess', 'inprogress', 'exists'];
export const TRACEBACK_TAIL_LINES = 4;

/** The last `lines` non-blank lines of a traceback. */
export function tracebackTail(traceback: string, lines = TRACEBACK_TAIL_LINES): string {
  return traceback
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-lines)
    .join('\n');
}

function statsDetails(value: string | string[] | null | undefined): string {
  if (value == null) return '';
  return Array.isArray(value) ? value.join('\n') : value;
}

function statusRank(status: string): number {
  const i = STATUS_ORDER.indexOf(status);
  return i < 0 ? STATUS_ORDER.length : i;
}

export function computeSummary(
  tests: readonly TestRecord[],
  details: DetailsByName,
  stats: RawStats | null,
  slowestCount = 10,
): RunSummary {
  const counts = new Map<string, number>();
  let start: number | null = null;
  let end: number | null = null;
  for (const t of tests) {
    counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
    if (start == null || t.start < start) start = t.start;
    if (end == null || t.end > end) end = t.end;
  }

  const statsFailures = new Map((stats?.failures ?? []).map((f) => [f.name, statsDetails(f.details)]));
  const statsSkips = new Map((stats?.skips ?? []).map((s) => [s.name, statsDetails(s.details)]));

  const failures = tests
    .filter((t) => t.status === 'fail')
    .map((t) => {
      const tb = details[t.name]?.traceback;
      return { name: t.name, duration: t.duration, tail: tb ? tracebackTail(tb) : (statsFailures.get(t.name) ?? '') };
    });
  const skips = tests
    .filter((t) => t.status === 'skip')
    .map((t) => ({ name: t.name, reason: details[t.name]?.reason?.trim() || statsSkips.get(t.name) || '' }));

  const workers = assignLanes(tests).map((lane) => ({
    worker: lane.worker,
    label: lane.label,
    count: lane.tests.length,
    testTime: lane.tests.reduce((sum, t) => sum + t.duration, 0),
  }));

  const slowest = [...tests].sort((a, b) => b.duration - a.duration).slice(0, slowestCount);

  return {
    total: tests.length,
    counts: [...counts]
      .map(([status, count]) => ({ status, count }))
      .sort((a, b) => statusRank(a.status) - statusRank(b.status) || a.status.localeCompare(b.status)),
    start,
    end,
    runTime: start != null && end != null ? (end - start) / 1000 : 0,
    workers,
    failures,
    skips,
    slowest,
  };
}
