import type { CompareCounts, ComparedTest, TestChange, TestOnOneSide } from '../api-shapes';
import type { TestIndex } from '../test-results/test-index';
import { outcomeOf } from '../test-results/test-outcome';

/** A duration change counts when the longer is at least twice the shorter and at least this much longer. */
const MIN_DURATION_CHANGE_S = 1;
const MIN_DURATION_RATIO = 2;

/** The order tests are listed in: what most needs a look first. */
const CHANGE_ORDER: readonly TestChange[] = ['new_failure', 'fixed', 'still_failing', 'slower', 'faster', 'added', 'removed'];

const COUNT_KEY: Record<TestChange, keyof CompareCounts> = {
  new_failure: 'new_failures',
  fixed: 'fixed',
  still_failing: 'still_failing',
  added: 'added',
  removed: 'removed',
  slower: 'slower',
  faster: 'faster',
};

/** How a test present on both sides changed; null when it did not (in a way that is listed). */
export function changeOf(base: TestOnOneSide, head: TestOnOneSide): TestChange | null {
  const failedBefore = outcomeOf(base.status) === 'failed';
  const failsNow = outcomeOf(head.status) === 'failed';
  if (failsNow) return failedBefore ? 'still_failing' : 'new_failure';
  if (failedBefore) return 'fixed';
  if (base.duration === null || head.duration === null) return null;
  const [shorter, longer] = base.duration <= head.duration ? [base.duration, head.duration] : [head.duration, base.duration];
  // Durations are microsecond-exact; compare in microseconds so 1.4 - 0.4 is 1 s, not 0.9999….
  const micros = (s: number) => Math.round(s * 1e6);
  if (micros(longer) - micros(shorter) < micros(MIN_DURATION_CHANGE_S) || micros(longer) < MIN_DURATION_RATIO * micros(shorter))
    return null;
  return head.duration > base.duration ? 'slower' : 'faster';
}

/** How much a test's duration changed, for ordering the slower and faster ones (biggest first). */
function durationDelta(t: ComparedTest): number {
  return Math.abs((t.head?.duration ?? 0) - (t.base?.duration ?? 0));
}

/**
 * Every test whose result differs between two runs (matched by name), in CHANGE_ORDER; within a
 * kind, slower and faster ones by how much they changed, the others by name. Unchanged tests are
 * only counted.
 */
export function compareRuns(base: TestIndex, head: TestIndex): { counts: CompareCounts; tests: ComparedTest[] } {
  const counts: CompareCounts = { new_failures: 0, fixed: 0, still_failing: 0, added: 0, removed: 0, slower: 0, faster: 0, unchanged: 0 };
  const tests: ComparedTest[] = [];
  for (const h of head.entries()) {
    const b = base.get(h.name);
    const headSide = { status: h.status, duration: h.duration };
    const change = b ? changeOf(b, headSide) : 'added';
    if (change === null) counts.unchanged++;
    else tests.push({ name: h.name, change, base: b ?? null, head: headSide });
  }
  for (const b of base.entries()) {
    if (head.get(b.name) === undefined)
      tests.push({ name: b.name, change: 'removed', base: { status: b.status, duration: b.duration }, head: null });
  }
  for (const t of tests) counts[COUNT_KEY[t.change]]++;
  const rank = new Map(CHANGE_ORDER.map((c, i) => [c, i]));
  tests.sort(
    (x, y) =>
      rank.get(x.change)! - rank.get(y.change)! ||
      (x.change === 'slower' || x.change === 'faster' ? durationDelta(y) - durationDelta(x) : 0) ||
      (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
  );
  return { counts, tests };
}
