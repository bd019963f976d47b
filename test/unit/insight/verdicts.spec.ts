import type { FailureCause } from '../../../src/failure-cause/failure-cause';
import { insightTest, Observation, verdictOf } from '../../../src/insight/verdicts';

/** Other-change counts: `changes` distinct changes among the runs that ran it. */
const counts = (failed: number, passed: number, changes: number) => ({ failed, passed, changes });

describe('verdictOf', () => {
  it.each([
    ['passed in a recheck of the same patch set, even if broken elsewhere', counts(3, 0, 3), true, 'flaky'],
    ['failed in some other-change runs and passed in others', counts(2, 5, 7), false, 'flaky'],
    ['failed in 1 of 2 runs: flaky needs no threshold', counts(1, 1, 2), false, 'flaky'],
    ['failed in every one of 4 runs on 3 changes', counts(4, 0, 3), false, 'broken'],
    ['failed in every one of 3 runs on 2 changes (the least that tells)', counts(3, 0, 2), false, 'broken'],
    ['failed in 3 of 3 runs, all on one change: that change may share its cause', counts(3, 0, 1), false, 'unknown'],
    ['failed in 2 of 2 runs on 2 changes: too few', counts(2, 0, 2), false, 'unknown'],
    ['failed in 1 of 1 run elsewhere: too few', counts(1, 0, 1), false, 'unknown'],
    ['ran in 6 runs elsewhere and failed in none', counts(0, 6, 6), false, 'new'],
    ['ran in 3 runs on one change and failed in none (new needs no spread)', counts(0, 3, 1), false, 'new'],
    ['passed in 2 runs elsewhere: too few', counts(0, 2, 2), false, 'unknown'],
    ['not run elsewhere (or only skipped)', counts(0, 0, 0), false, 'unknown'],
  ])('%s: %j → %s', (_why, other, passedInRecheck, verdict) => {
    expect(verdictOf(other, passedInRecheck)).toBe(verdict);
  });
});

describe('insightTest', () => {
  const cause: FailureCause = { cause: 'ValueError: <n>', signature_id: 'aaaaaaaaaaaaaaaa' };
  const base: Omit<Observation, 'status'> = {
    sameChange: false,
    samePatchSet: false,
    signatureId: null,
    task: 't0',
    changeId: 700001,
    finishedAt: '2024-03-01T10:00:00.000Z',
  };
  const seen = (status: string, over: Partial<Observation> = {}): Observation => ({
    ...base,
    signatureId: status === 'fail' ? cause.signature_id : null,
    ...over,
    status,
  });

  it('counts other changes and the same change apart, skips as skips, other statuses not at all', () => {
    const row = insightTest('t.x', cause, [
      seen('fail'),
      seen('success', { task: 't1', changeId: 700002 }),
      seen('xfail', { task: 't2', changeId: 700003 }),
      seen('skip', { task: 't3', changeId: 700004 }),
      seen('inprogress', { task: 't4', changeId: 700005 }),
      seen('fail', { sameChange: true, task: 't5', changeId: 654321 }),
    ]);
    expect(row).toMatchObject({
      name: 't.x',
      status_here: 'fail',
      cause: 'ValueError: <n>',
      signature_id: 'aaaaaaaaaaaaaaaa',
      // the skip and the unfinished run tell nothing: 3 changes ran it
      other_changes: { runs: 4, failed: 1, passed: 2, skipped: 1, changes: 3, same_cause: 1 },
      same_change: { runs: 1, failed: 1, passed: 0, skipped: 0 },
      verdict: 'flaky',
    });
  });

  it('same_cause counts the other-change failures with this signature, not those of another cause or of this change', () => {
    const row = insightTest('t.x', cause, [
      seen('fail', { task: 'a', changeId: 1 }),
      seen('fail', { task: 'b', changeId: 2 }),
      seen('fail', { task: 'c', changeId: 3, signatureId: 'bbbbbbbbbbbbbbbb' }),
      seen('fail', { task: 'd', changeId: 654321, sameChange: true }),
    ]);
    expect(row.other_changes).toEqual({ runs: 3, failed: 3, passed: 0, skipped: 0, changes: 3, same_cause: 2 });
    expect(row.verdict).toBe('broken');
  });

  it('distinct changes: runs of one change count once, a run without a change (periodic) as its own', () => {
    const row = insightTest('t.x', cause, [
      seen('fail', { task: 'a', changeId: 700001 }),
      seen('fail', { task: 'b', changeId: 700001 }),
      seen('fail', { task: 'c', changeId: 700001 }),
    ]);
    expect(row.other_changes.changes).toBe(1);
    expect(row.verdict).toBe('unknown');
    const periodic = insightTest('t.x', cause, [
      seen('fail', { task: 'a', changeId: 700001 }),
      seen('fail', { task: 'p1', changeId: null }),
      seen('fail', { task: 'p2', changeId: null }),
    ]);
    expect(periodic.other_changes.changes).toBe(3);
    expect(periodic.verdict).toBe('broken');
  });

  it('a pass on another patch set of the same change is not a recheck', () => {
    const elsewhere = [
      seen('fail', { task: 'a', changeId: 1 }),
      seen('fail', { task: 'b', changeId: 2 }),
      seen('fail', { task: 'c', changeId: 3 }),
    ];
    expect(insightTest('t.x', cause, [seen('success', { sameChange: true }), ...elsewhere]).verdict).toBe('broken');
    expect(insightTest('t.x', cause, [seen('success', { sameChange: true, samePatchSet: true }), ...elsewhere]).verdict).toBe('flaky');
  });

  it('last_failed is the run that failed last by its build end; runs without one count as oldest', () => {
    const row = insightTest('t.x', cause, [
      seen('fail', { task: 'older', finishedAt: '2024-03-01T09:00:00.000Z' }),
      seen('fail', { task: 'undated', finishedAt: null }),
      seen('fail', { task: 'newest', changeId: 700002, finishedAt: '2024-03-02T09:00:00.000Z' }),
      seen('success', { task: 'newer-pass', finishedAt: '2024-03-03T09:00:00.000Z' }),
    ]);
    expect(row.last_failed).toEqual({ task: 'newest', change_id: 700002, finished_at: '2024-03-02T09:00:00.000Z' });
    expect(insightTest('t.x', cause, [seen('success')]).last_failed).toBeNull();
    expect(insightTest('t.x', cause, [seen('fail', { task: 'only', finishedAt: null })]).last_failed).toEqual({
      task: 'only',
      change_id: 700001,
      finished_at: null,
    });
  });

  it('no other run: unknown, with zero counts', () => {
    expect(insightTest('t.x', cause, [])).toEqual({
      name: 't.x',
      status_here: 'fail',
      cause: 'ValueError: <n>',
      signature_id: 'aaaaaaaaaaaaaaaa',
      other_changes: { runs: 0, failed: 0, passed: 0, skipped: 0, changes: 0, same_cause: 0 },
      same_change: { runs: 0, failed: 0, passed: 0, skipped: 0 },
      verdict: 'unknown',
      last_failed: null,
    });
  });
});
