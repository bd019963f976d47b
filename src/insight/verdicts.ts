import type { InsightTest, OtherChangeCounts, RunCounts, Verdict } from '../api-shapes';
import type { FailureCause } from '../failure-cause/failure-cause';
import { outcomeOf } from '../test-results/test-outcome';

/** What one other run says about one test. */
export interface Observation {
  /** A run of the task's own change (another patch set, a recheck, the gate). */
  sameChange: boolean;
  /** Of the same change and the same patch set as the task: a recheck. */
  samePatchSet: boolean;
  /** The test's subunit status in that run. */
  status: string;
  /** The signature id of its failure in that run; null when it did not fail there. */
  signatureId: string | null;
  /** The run's task, change and build end, for `last_failed`. */
  task: string;
  changeId: number | null;
  finishedAt: string | null;
}

/** Evidence thresholds: fewer other-change runs that ran a test tell nothing (`unknown`). */
export const MIN_RUNS_FOR_VERDICT = 3;
/** `broken` also needs its failures spread over this many changes: one change's runs may share its cause. */
export const MIN_CHANGES_FOR_BROKEN = 2;

const none = (): RunCounts => ({ runs: 0, failed: 0, passed: 0, skipped: 0 });

/**
 * The verdict, first rule that holds ("ran it": failed or passed there; a skip says nothing about
 * the test either way):
 * - flaky: it passed in a recheck of the same patch set, or it failed in some other-change runs
 *   and passed in others;
 * - broken: it failed in every other-change run that ran it, at least MIN_RUNS_FOR_VERDICT of them
 *   on at least MIN_CHANGES_FOR_BROKEN changes;
 * - new: at least MIN_RUNS_FOR_VERDICT other-change runs ran it and it failed in none (likely
 *   caused by this change);
 * - unknown: no other run tells, or too few do.
 */
export function verdictOf(other: Pick<OtherChangeCounts, 'failed' | 'passed' | 'changes'>, passedInRecheck: boolean): Verdict {
  if (passedInRecheck || (other.failed > 0 && other.passed > 0)) return 'flaky';
  const ran = other.failed + other.passed;
  if (ran < MIN_RUNS_FOR_VERDICT) return 'unknown';
  if (other.failed > 0) return other.changes >= MIN_CHANGES_FOR_BROKEN ? 'broken' : 'unknown';
  return 'new';
}

/**
 * One result row for a test that failed in the task with `cause`, from what the other runs that
 * listed it say (a run that did not list it is not among `observations`). `runs` counts the runs
 * whose result for it was a failure, a pass or a skip; `other_changes.changes` the distinct changes
 * of the other-change runs that ran it (a run without a change, a periodic build, counts as its
 * own); `other_changes.same_cause` the other-change runs where it failed with the same signature;
 * `last_failed` is the run that failed last, by the build's end (runs without one count as oldest).
 */
export function insightTest(name: string, cause: FailureCause, observations: readonly Observation[]): InsightTest {
  const other: OtherChangeCounts = { ...none(), changes: 0, same_cause: 0 };
  const same = none();
  const changes = new Set<number | string>();
  let passedInRecheck = false;
  let lastFailed: Observation | null = null;
  for (const o of observations) {
    const outcome = outcomeOf(o.status);
    if (outcome === 'other') continue;
    const counts = o.sameChange ? same : other;
    counts.runs++;
    counts[outcome]++;
    if (!o.sameChange && outcome !== 'skipped') changes.add(o.changeId ?? `run ${o.task}`);
    if (!o.sameChange && outcome === 'failed' && o.signatureId === cause.signature_id) other.same_cause++;
    if (outcome === 'passed' && o.samePatchSet) passedInRecheck = true;
    if (outcome === 'failed' && (lastFailed === null || (o.finishedAt ?? '') > (lastFailed.finishedAt ?? ''))) lastFailed = o;
  }
  other.changes = changes.size;
  return {
    name,
    status_here: 'fail',
    cause: cause.cause,
    signature_id: cause.signature_id,
    other_changes: other,
    same_change: same,
    verdict: verdictOf(other, passedInRecheck),
    last_failed: lastFailed && { task: lastFailed.task, change_id: lastFailed.changeId, finished_at: lastFailed.finishedAt },
  };
}
