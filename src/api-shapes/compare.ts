import type { TaskStatus } from './task';

export const TEST_CHANGES = ['new_failure', 'fixed', 'still_failing', 'added', 'removed', 'slower', 'faster'] as const;
/** How a test differs between two runs; `unchanged` tests are only counted. */
export type TestChange = (typeof TEST_CHANGES)[number];

/** `POST /compare` body. */
export interface CompareRequest {
  base: string;
  head: string;
}

/** One side of a comparison. `status` is the task's state. */
export interface ComparedRun {
  uuid: string;
  name: string | null;
  change_id: number | null;
  revision: number | null;
  pipeline: string | null;
  status: TaskStatus;
  finished_at: string | null;
}

export interface TestOnOneSide {
  status: string;
  duration: number | null;
}

export interface ComparedTest {
  name: string;
  change: TestChange;
  base: TestOnOneSide | null;
  head: TestOnOneSide | null;
}

export type CompareCounts = Record<
  'new_failures' | 'fixed' | 'still_failing' | 'added' | 'removed' | 'slower' | 'faster' | 'unchanged',
  number
>;

/** `POST /compare` → 200. */
export interface CompareResponse {
  base: ComparedRun;
  head: ComparedRun;
  counts: CompareCounts;
  /** Every test whose change is not `unchanged`, new failures first. */
  tests: ComparedTest[];
}
