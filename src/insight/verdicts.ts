import type { InsightTest, RunCounts, Verdict } from '../api-shapes';
import { outcomeOf } from '../test-results/test-outcome';

/** What one other run says about one test. */
export interface Observation {
  /** A run of the task's own change (another patch set, a recheck, the gate). */
  sameChange: boolean;
  /** Of the same change and the same patch set as the task: a recheck. */
  samePatchSet: boolean;
  /** The test's subunit status in that run. */
  status: string;
  /** The run's task, change and build end, for `last_failed`. */
  task: string;
  changeId: number | null;
  finishedAt: string | null;
}

const none = (): RunCounts => ({ runs: 0, failed: 0, passed: 0, skipped: 0 });

/**
 * The verdict, first rule that holds:
 * - flaky: it passed in a recheck of the same patch set, or it failed in some other-change runs
 *   and passed in others;
 * - broken: it failed in every other-change run that ran it;
 * - new: other-change runs ran it and it failed in none (likely caused by this change);
 * - unknown: no other run tells.
 * A skip says nothing about the test either way: it neither failed nor passed there.
 */
export function verdictOf(other: RunCounts, passedInRecheck: boolean): Verdict {
  if (passedInRecheck || (other.failed > 0 && other.passed > 0)) return 'flaky';
  if (other.failed > 0) return 'broken';
  if (other.passed > 0) return 'new';
  return 'unknown';
}

/**
 * One result row for a test that failed in the task, from what the other runs that listed it
 * say (a run that did not list it is not among `observations`). `runs` counts the runs whose
 * result for it was a failure, a pass or a skip; `last_failed` is the one that failed last,
 * by the build's end (runs without one count as oldest).
 */
export function insightTest(name: string, observations: readonly Observation[]): InsightTest {
  const other = none();
  const same = none();
  let passedInRecheck = false;
  let lastFailed: Observation | null = null;
  for (const o of observations) {
    const outcome = outcomeOf(o.status);
    if (outcome === 'other') continue;
    const counts = o.sameChange ? same : other;
    counts.runs++;
    counts[outcome]++;
    if (outcome === 'passed' && o.samePatchSet) passedInRecheck = true;
    if (outcome === 'failed' && (lastFailed === null || (o.finishedAt ?? '') > (lastFailed.finishedAt ?? ''))) lastFailed = o;
  }
  return {
    name,
    status_here: 'fail',
    other_changes: other,
    same_change: same,
    verdict: verdictOf(other, passedInRecheck),
    last_failed: lastFailed && { task: lastFailed.task, change_id: lastFailed.changeId, finished_at: lastFailed.finishedAt },
  };
}
