import type { InsightResult, InsightRun, InsightTest, Verdict } from '../api/types';
import { count } from '../../../src/common/human-units';
import { runContext } from './results';

/** How many other runs the summary's button asks for. */
export const INSIGHT_BUILDS = 20;

export const VERDICT_LABELS: Record<Verdict, { label: string; meaning: string }> = {
  new: { label: 'new', meaning: 'at least 3 runs on other changes ran it and it failed in none: likely caused by this change' },
  flaky: { label: 'flaky', meaning: 'it passes and fails on the same code' },
  broken: { label: 'broken', meaning: 'it fails on every other change too (at least 3 runs on 2 changes)' },
  unknown: { label: 'unknown', meaning: 'no other run tells, or too few do' },
};

/** "1 of 1 run elsewhere", "8 of 8 runs on 5 other changes". */
function runsElsewhere(failed: number, ran: number, changes: number): string {
  return ran === 1 ? `${failed} of 1 run elsewhere` : `${failed} of ${count(ran, 'run')} on ${count(changes, 'other change')}`;
}

/**
 * What the other runs say about a failure, in words, the counts behind its verdict: "failed in 8
 * of 8 runs on 5 other changes, same cause in 8", "failed in 1 of 1 run elsewhere, same cause in
 * 1: too few to tell".
 */
export function verdictText(t: InsightTest): string {
  const parts: string[] = [];
  const other = t.other_changes;
  const ran = other.failed + other.passed;
  if (ran > 0) {
    let text = `failed in ${runsElsewhere(other.failed, ran, other.changes)}`;
    if (other.failed > 0) text += `, same cause in ${other.same_cause}`;
    if (t.verdict === 'unknown') text += ': too few to tell';
    parts.push(text);
  }
  if (other.skipped > 0) parts.push(ran > 0 ? `skipped in ${other.skipped}` : `skipped in ${count(other.skipped, 'run')} on other changes`);
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

/** Runs that were looked at and read, and those that could not be read (listed, not counted). */
export function runsRead(result: InsightResult): { read: number; unreadable: InsightRun[] } {
  const unreadable = result.runs.filter((r) => r.status === 'error');
  return { read: result.runs.length - unreadable.length, unreadable };
}

/** "Found 11 of the 20 other runs asked for: …" when the job has fewer; null when it had them all. */
export function runsFoundText(result: InsightResult): string | null {
  const found = result.runs.length;
  if (found >= result.builds) return null;
  return `Found ${found} of the ${count(result.builds, 'other run')} asked for: this change's other runs and Zuul's recent builds of ${result.job} hold no more.`;
}

/** A run in words: "change 700009, patch set 1 (check)", or its log directory when it has no change. */
export function runName(run: InsightRun): string {
  if (run.change_id === null) return run.url;
  const name = run.revision === null ? `change ${run.change_id}` : `change ${run.change_id}, patch set ${run.revision}`;
  return run.pipeline ? `${name} (${run.pipeline})` : name;
}

/** The link to the last run a test failed in: "last failed on change 700008", or "on this change". */
export function lastFailedLabel(result: InsightResult, t: InsightTest): string {
  const last = t.last_failed;
  if (!last) return '';
  const run = result.runs.find((r) => r.task === last.task);
  // Which run: its pipeline and patch set ("check · patch set 2"), so two runs of one change differ.
  const where = run ? runContext({ pipeline: run.pipeline, change_id: null, revision: run.revision }) : '';
  const on = run?.same_change ? 'on this change' : last.change_id !== null ? `on change ${last.change_id}` : '';
  return ['last failed', on, where && `(${where})`].filter(Boolean).join(' ');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The insight a page's URL names (`?insight=<uuid>`), or null. */
export function insightInSearch(search: string): string | null {
  const uuid = new URLSearchParams(search).get('insight');
  return uuid && UUID.test(uuid) ? uuid.toLowerCase() : null;
}

/** The query string with `insight=<uuid>` set (null: removed), other parameters kept. */
export function searchWithInsight(search: string, uuid: string | null): string {
  const params = new URLSearchParams(search);
  if (uuid) params.set('insight', uuid);
  else params.delete('insight');
  const s = params.toString();
  return s ? `?${s}` : '';
}
