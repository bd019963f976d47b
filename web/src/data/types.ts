import type { DetailsByName, StackVizStats } from '../../../src/api-shapes';
import type { ConsoleModel } from './console-model';
import type { MemoryLowPoints } from '../../../src/artifacts/parsers/memory-tracker/memory-low-points';
import type { PerformanceReport } from '../../../src/artifacts/parsers/performance/performance-report';

/** The viewer's model of one run, whichever source it came from. */

export type TestStatus = 'success' | 'fail' | 'skip' | 'xfail' | 'uxsuccess' | 'exists' | 'inprogress' | string;

/** A test with parsed times (epoch milliseconds) and its lane. */
export interface TestRecord {
  index: number;
  name: string;
  id: string;
  status: TestStatus;
  tags: string[];
  start: number;
  end: number;
  /** Seconds, as the artifact gives it. */
  duration: number;
  worker: string | null;
  /** False when the artifact gave no time and the test was laid after the one before it (tests.ts). */
  timed: boolean;
}

/** Time series from a dstat CSV, aligned on epoch milliseconds. */
export interface DstatSeries {
  times: number[];
  /** null where a row has no value (uPlot draws a gap). */
  cpuUsr: (number | null)[];
  cpuSys: (number | null)[];
  cpuWait: (number | null)[];
  memUsed: (number | null)[];
  netRecv: (number | null)[];
  netSend: (number | null)[];
  dskRead: (number | null)[];
  dskWrit: (number | null)[];
}

/** The test-result artifacts (`subunit`, `subunit-stats`, `subunit-details`): the service's own types. */
export type { DetailsByName, StackVizStats, StackVizTest } from '../../../src/api-shapes';

/** The `performance` artifact (devstack's performance.json) and the `memory-tracker` artifact: the service's own types. */
export type { PerformanceReport } from '../../../src/artifacts/parsers/performance/performance-report';
export type { MemoryLowPoint, MemoryLowPoints } from '../../../src/artifacts/parsers/memory-tracker/memory-low-points';

/** Change/job metadata shown in the summary header. */
export interface RunMeta {
  change_id: number | string | null;
  change_project: string | null;
  change_subject: string | null;
  name: string | null;
  pipeline: string | null;
  revision: number | string | null;
  status: string | null;
  url: string | null;
  build_uuid: string | null;
  ci_username: string | null;
  /** The branch the build ran on (`master`, `stable/2025.1`), when known. */
  branch: string | null;
}

export interface RunData {
  meta: RunMeta;
  tests: TestRecord[];
  details: DetailsByName;
  stats: StackVizStats | null;
  dstat: DstatSeries | null;
  console: ConsoleModel | null;
  performance: PerformanceReport | null;
  memory: MemoryLowPoints | null;
  /** Artifacts that could not be read, with why (shown, never fatal). */
  problems: string[];
  /** What the service did not read cleanly (the task's `warnings`): damaged subunit, skipped artifacts, … */
  warnings: string[];
  /** The task's own note (why optional artifacts were skipped), when it has one. */
  message: string | null;
  /**
   * No test has a time (a JUnit report with durations only): the tests are laid end to end from
   * the epoch in the report's order, so their times are offsets, not clock times.
   */
  durationsOnly: boolean;
  /**
   * Artifact types the run lists that are still being read (web/src/data/run-data.ts reads what the
   * page opened needs first): until then their fields are empty.
   */
  pending: readonly string[];
}
