import { toTestRecords } from '../logic/tests';
import { toConsoleModel, type ConsoleModel } from './console-model';
import { toDstatSeries } from './dstat';
import type { DetailsByName, MemoryLowPoints, PerformanceReport, RunData, RunMeta, StackVizStats, StackVizTest, TestRecord } from './types';

/** One artifact as any source lists it, with a way to read its (decoded) text. */
export interface ArtifactHandle {
  type: string;
  name: string;
  text(): Promise<string>;
}

export const EMPTY_META: RunMeta = {
  change_id: null,
  change_project: null,
  change_subject: null,
  name: null,
  pipeline: null,
  revision: null,
  status: null,
  url: null,
  build_uuid: null,
  ci_username: null,
  branch: null,
};

export function pickMeta(source: Partial<Record<keyof RunMeta, unknown>>): RunMeta {
  const meta: Record<string, unknown> = { ...EMPTY_META };
  for (const key of Object.keys(EMPTY_META)) {
    const v = source[key as keyof RunMeta];
    if (v !== undefined) meta[key] = v;
  }
  return meta as unknown as RunMeta;
}

/** The artifact types the viewer reads; any other is left alone. */
const READ_TYPES = ['subunit', 'subunit-details', 'subunit-stats', 'dstat', 'console', 'performance', 'memory-tracker'];

/** What the viewer holds of a run as its artifacts are read. */
interface Parts {
  raw: StackVizTest[];
  details: DetailsByName;
  stats: StackVizStats | null;
  dstatCsv: string | null;
  console: ConsoleModel | null;
  performance: PerformanceReport | null;
  memory: MemoryLowPoints | null;
  problems: string[];
}

async function readArtifact(a: ArtifactHandle, parts: Parts): Promise<void> {
  try {
    switch (a.type) {
      case 'subunit':
        parts.raw.push(...(JSON.parse(await a.text()) as StackVizTest[]));
        break;
      case 'subunit-details':
        Object.assign(parts.details, JSON.parse(await a.text()) as DetailsByName);
        break;
      case 'subunit-stats':
        parts.stats ??= JSON.parse(await a.text()) as StackVizStats;
        break;
      case 'dstat':
        parts.dstatCsv = await a.text();
        break;
      case 'console':
        parts.console = toConsoleModel(JSON.parse(await a.text()) as Parameters<typeof toConsoleModel>[0]);
        break;
      case 'performance':
        parts.performance = JSON.parse(await a.text()) as PerformanceReport;
        break;
      case 'memory-tracker':
        parts.memory = JSON.parse(await a.text()) as MemoryLowPoints;
        break;
    }
  } catch (e) {
    parts.problems.push(`${a.type} artifact ${a.name} could not be read: ${(e as Error).message}`);
  }
}

/**
 * Resolves once the page has painted and the main thread is idle (or after a while in a tab that
 * never paints, in the background), so what is read next cannot hold up what was just shown.
 */
function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 500);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    requestAnimationFrame(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(done, { timeout: 300 }) : setTimeout(done, 0)));
  });
}

export interface LoadOptions {
  /** Artifact types to read first (what the page opened needs); the others are read once it has painted. */
  first?: readonly string[];
  /** Called with the run as read so far: after the first types, then after each later artifact. */
  onUpdate?: (run: RunData) => void;
}

/**
 * Reads every artifact a run lists into the viewer's model. Several subunit artifacts (StackViz
 * exports one per stream) are merged. An artifact that fails to load is reported in `problems`,
 * never fatal: the viewer shows what it has. With `first`, the run is handed to `onUpdate` as soon as
 * those types are read (the others still `pending`), and again as each of the rest lands.
 */
export async function loadRunData(
  meta: RunMeta,
  artifacts: readonly ArtifactHandle[],
  notes: { warnings?: string[]; message?: string | null } = {},
  { first = [], onUpdate }: LoadOptions = {},
): Promise<RunData> {
  const parts: Parts = { raw: [], details: {}, stats: null, dstatCsv: null, console: null, performance: null, memory: null, problems: [] };
  const wanted = artifacts.filter((a) => READ_TYPES.includes(a.type));
  const pending = new Set(wanted.map((a) => a.type));
  const now = wanted.filter((a) => first.includes(a.type));
  const later = wanted.filter((a) => !first.includes(a.type));
  const cache = new Map<string, unknown>();
  const snapshot = () => runDataOf(meta, parts, notes, [...pending], cache);

  await Promise.all(now.map((a) => readArtifact(a, parts)));
  for (const a of now) pending.delete(a.type);
  if (later.length === 0) return snapshot();
  onUpdate?.(snapshot());
  await afterPaint();
  // Each type is whole only once all of its artifacts (StackViz's streams) are read.
  const left = new Map<string, number>();
  for (const a of later) left.set(a.type, (left.get(a.type) ?? 0) + 1);
  await Promise.all(
    later.map(async (a) => {
      await readArtifact(a, parts);
      const n = left.get(a.type)! - 1;
      left.set(a.type, n);
      if (n > 0) return;
      pending.delete(a.type);
      if (pending.size > 0) onUpdate?.(snapshot());
    }),
  );
  return snapshot();
}

/**
 * Whether the run has tests to lay out, pick or compare (a console-only run has none). While the test
 * list is still being read, `subunit-stats` counts them; with neither read yet, it is taken to.
 */
export function runHasTests(run: RunData): boolean {
  return run.pending.includes('subunit') ? (run.stats?.count ?? 1) > 0 : run.tests.length > 0;
}

const NO_TESTS: TestRecord[] = [];
const NO_DETAILS: DetailsByName = {};

/**
 * The run as read so far. Derived parts (tests, dstat series) are built once and kept in `cache`, so
 * each snapshot gives the views the same objects for what did not change.
 */
function runDataOf(
  meta: RunMeta,
  parts: Parts,
  notes: { warnings?: string[]; message?: string | null },
  pending: string[],
  cache: Map<string, unknown>,
): RunData {
  const once = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  const testsRead = !pending.includes('subunit');
  const tests = testsRead ? once('tests', () => toTestRecords(parts.raw)) : NO_TESTS;
  const dstatRead = !pending.includes('dstat');
  const dstat = dstatRead && parts.dstatCsv ? once('dstat', () => toDstatSeries(parts.dstatCsv!)) : null;
  const problems = [...parts.problems];
  if (dstatRead && parts.dstatCsv && !dstat) problems.push('the dstat artifact has no rows this viewer understands');
  return {
    meta,
    tests,
    details: pending.includes('subunit-details') ? NO_DETAILS : parts.details,
    stats: parts.stats,
    dstat,
    console: parts.console,
    performance: parts.performance,
    memory: parts.memory,
    problems,
    warnings: notes.warnings ?? [],
    message: notes.message ?? null,
    durationsOnly: tests.length > 0 && tests.every((t) => !t.timed),
    pending,
  };
}
