import type { InsightResult, InsightTest, Verdict } from '../api/types';
import { count } from '../../../src/common/human-units';

/** How many other runs the summary's button asks for. */
export const INSIGHT_BUILDS = 20;

export const VERDICT_LABELS: Record<Verdict, { label: string; meaning: string }> = {
  new: { label: 'new', meaning: 'other changes ran it and it failed in none: likely caused by this change' },
  flaky: { label: 'flaky', meaning: 'it passes and fails on the same code' },
  broken: { label: 'broken', meaning: 'it fails on every other change too' },
  unknown: { label: 'unknown', meaning: 'no other run tells' },
};

/** What the other runs say about a failure, in words: "failed in 5 of 18 recent runs on other changes". */
export function verdictText(t: InsightTest): string {
  const parts: string[] = [];
  const other = t.other_changes;
  const ran = other.failed + other.passed;
  if (ran > 0) parts.push(`failed in ${other.failed} of ${count(ran, 'recent run')} on other changes`);
  if (other.skipped > 0)
    parts.push(ran > 0 ? `skipped in ${other.skipped}` : `skipped in ${count(other.skipped, 'recent run')} on other changes`);
  const same = t.same_change;
  if (same.failed + same.passed > 0) {
    parts.push(`failed in ${same.failed} of ${count(same.failed + same.passed, 'other run')} of this change`);
  }
  if (t.verdict === 'flaky' && same.passed > 0 && !(other.failed > 0 && other.passed > 0)) {
    parts.push('passed on a recheck of this patch set');
  }
  return parts.length > 0 ? parts.join('; ') : 'no other run ran it';
}

/** How many failures got each verdict, in the order the summary line lists them. */
export function verdictTally(result: InsightResult): { verdict: Verdict; count: number }[] {
  const order: Verdict[] = ['new', 'flaky', 'broken', 'unknown'];
  return order.map((verdict) => ({ verdict, count: result.tests.filter((t) => t.verdict === verdict).length })).filter((v) => v.count > 0);
}

/** Runs that were looked at and read (a run whose scrape failed is listed but not counted). */
export function runsRead(result: InsightResult): { read: number; failed: number } {
  const failed = result.runs.filter((r) => r.status === 'error').length;
  return { read: result.runs.length - failed, failed };
}

/** The link to the last run a test failed in: "last failed on change 700008", or "on this change". */
export function lastFailedLabel(result: InsightResult, t: InsightTest): string {
  const last = t.last_failed;
  if (!last) return '';
  if (result.runs.some((r) => r.task === last.task && r.same_change)) return 'last failed on this change';
  return last.change_id !== null ? `last failed on change ${last.change_id}` : 'last failed';
}
