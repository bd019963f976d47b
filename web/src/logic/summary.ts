import type { DetailsByName, StackVizStats, TestRecord } from '../data/types';
import { failureSignature } from '../../../src/failure-cause/signature';
import { assignLanes } from './lanes';

export interface WorkerTime {
  /** The worker tag, or null for tests without one. */
  worker: string | null;
  label: string;
  count: number;
  /** Sum of the durations of the worker's tests, seconds. */
  testTime: number;
}

/** One failing test id; a class fixture (setUpClass) fails once per worker that ran its tests: `count`. */
export interface FailureRow {
  name: string;
  /** The subunit test id (the traceback's frames are matched against its module). */
  id: string;
  count: number;
  /** Seconds, the longest of its failures. */
  duration: number;
  /** The whole traceback ('' when none was recorded). */
  traceback: string;
  /** The service's signature and its id (`subunit-stats`), else null: the signature is computed here. */
  cause: { signature: string; id: string } | null;
}

/** Failures that share a signature (src/failure-cause/signature): one cause. */
export interface FailureCause {
  signature: string;
  /** The service's id of the signature, when the run's `subunit-stats` carries it. */
  signatureId: string | null;
  /** Failures in the stream with this cause (a row's repeats included). */
  count: number;
  rows: FailureRow[];
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
  /** Failing test ids, in run order. */
  failures: FailureRow[];
  /** The failures grouped by cause, most frequent first. */
  causes: FailureCause[];
  /** Failures in the stream (a setUpClass failing on 4 workers counts 4). */
  failureCount: number;
  skips: SkipItem[];
  slowest: TestRecord[];
}

const STATUS_ORDER = ['success', 'fail', 'skip', 'xfail', 'uxsuccess', 'inprogress', 'exists'];

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
  stats: StackVizStats | null,
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
  const statsCauses = new Map(
    (stats?.failures ?? []).flatMap((f) => (f.cause && f.signature_id ? [[f.name, { signature: f.cause, id: f.signature_id }]] : [])),
  );
  const statsSkips = new Map((stats?.skips ?? []).map((s) => [s.name, statsDetails(s.details)]));

  const failures = failureRows(
    tests.filter((t) => t.status === 'fail'),
    (t) => t.duration,
    (t) => ({
      name: t.name,
      id: t.id,
      traceback: details[t.name]?.traceback ?? statsFailures.get(t.name) ?? '',
      cause: statsCauses.get(t.name) ?? null,
    }),
  );
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
    causes: groupByCause(failures),
    failureCount: failures.reduce((n, f) => n + f.count, 0),
    skips,
    slowest,
  };
}

/**
 * The summary from `subunit-stats` alone, while the test list is still being read: the failures and
 * skips counted (the other statuses need the list), the run's times, and the failures by the
 * service's causes, each row's traceback its last line until the details are read. No workers and
 * no slowest tests. Null when a failure has no cause (a StackViz export, a task stored before the
 * service computed them): grouping those needs the whole tracebacks.
 */
export function summaryFromStats(stats: StackVizStats, details: DetailsByName): RunSummary | null {
  if (stats.failures.some((f) => !f.cause || !f.signature_id)) return null;
  const failures = failureRows(
    stats.failures,
    (f) => f.duration ?? 0,
    (f) => ({
      name: f.name,
      id: f.name,
      traceback: details[f.name]?.traceback ?? statsDetails(f.details),
      cause: { signature: f.cause!, id: f.signature_id! },
    }),
  );
  const start = stats.start ? Date.parse(stats.start) : null;
  const end = stats.end ? Date.parse(stats.end) : null;
  const counts = [
    { status: 'fail', count: stats.failures.length },
    { status: 'skip', count: stats.skips.length },
  ].filter((c) => c.count > 0);
  return {
    total: stats.count,
    counts,
    start,
    end,
    runTime: start != null && end != null ? (end - start) / 1000 : 0,
    workers: [],
    failures,
    causes: groupByCause(failures),
    failureCount: stats.failures.length,
    skips: stats.skips.map((k) => ({ name: k.name, reason: details[k.name]?.reason?.trim() || statsDetails(k.details) })),
    slowest: [],
  };
}

/**
 * One row per failing test name, in the order first seen: a repeat (a class fixture failing on each
 * worker that ran its tests) adds to the row's count and keeps the longest duration.
 */
function failureRows<T extends { name: string }>(
  failing: readonly T[],
  duration: (f: T) => number,
  row: (f: T) => Omit<FailureRow, 'count' | 'duration'>,
): FailureRow[] {
  const rows = new Map<string, FailureRow>();
  for (const f of failing) {
    const known = rows.get(f.name);
    if (known) {
      known.count++;
      known.duration = Math.max(known.duration, duration(f));
    } else rows.set(f.name, { ...row(f), count: 1, duration: duration(f) });
  }
  return [...rows.values()];
}

/**
 * Groups failure rows by signature: biggest cause first, then by signature; rows by name. The
 * service's signature where the stats carry it, else the same function's here (a StackViz data
 * folder, a task stored before the service computed them).
 */
function groupByCause(rows: readonly FailureRow[]): FailureCause[] {
  const causes = new Map<string, FailureCause>();
  for (const row of rows) {
    const signature = row.cause?.signature ?? failureSignature(row.traceback, row.name);
    const cause = causes.get(signature) ?? { signature, signatureId: row.cause?.id ?? null, count: 0, rows: [] };
    cause.signatureId ??= row.cause?.id ?? null;
    cause.count += row.count;
    cause.rows.push(row);
    causes.set(signature, cause);
  }
  for (const c of causes.values()) c.rows.sort((a, b) => a.name.localeCompare(b.name));
  return [...causes.values()].sort((a, b) => b.count - a.count || a.signature.localeCompare(b.signature));
}
