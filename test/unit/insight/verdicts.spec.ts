import { insightTest, Observation, verdictOf } from '../../../src/insight/verdicts';

const counts = (failed: number, passed: number, skipped = 0) => ({ runs: failed + passed + skipped, failed, passed, skipped });

describe('verdictOf', () => {
  it.each([
    ['passed in a recheck of the same patch set, even if broken elsewhere', counts(3, 0), true, 'flaky'],
    ['failed in some other-change runs and passed in others', counts(2, 5), false, 'flaky'],
    ['failed in every other-change run that ran it', counts(4, 0), false, 'broken'],
    ['failed wherever it was not skipped', counts(4, 0, 3), false, 'broken'],
    ['ran elsewhere and failed in none', counts(0, 6), false, 'new'],
    ['only skipped elsewhere', counts(0, 0, 2), false, 'unknown'],
    ['not run elsewhere', counts(0, 0), false, 'unknown'],
  ])('%s: %j → %s', (_why, other, passedInRecheck, verdict) => {
    expect(verdictOf(other, passedInRecheck)).toBe(verdict);
  });
});

describe('insightTest', () => {
  const base: Omit<Observation, 'status'> = {
    sameChange: false,
    samePatchSet: false,
    task: 't0',
    changeId: 700001,
    finishedAt: '2024-03-01T10:00:00.000Z',
  };
  const seen = (status: string, over: Partial<Observation> = {}): Observation => ({ ...base, ...over, status });

  it('counts other changes and the same change apart, skips as skips, other statuses not at all', () => {
    const row = insightTest('t.x', [
      seen('fail'),
      seen('success', { task: 't1' }),
      seen('xfail', { task: 't2' }),
      seen('skip', { task: 't3' }),
      seen('inprogress', { task: 't4' }),
      seen('fail', { sameChange: true, task: 't5', changeId: 654321 }),
    ]);
    expect(row).toMatchObject({
      name: 't.x',
      status_here: 'fail',
      other_changes: { runs: 4, failed: 1, passed: 2, skipped: 1 },
      same_change: { runs: 1, failed: 1, passed: 0, skipped: 0 },
      verdict: 'flaky',
    });
  });

  it('a pass on another patch set of the same change is not a recheck', () => {
    expect(insightTest('t.x', [seen('success', { sameChange: true }), seen('fail')]).verdict).toBe('broken');
    expect(insightTest('t.x', [seen('success', { sameChange: true, samePatchSet: true }), seen('fail')]).verdict).toBe('flaky');
  });

  it('last_failed is the run that failed last by its build end; runs without one count as oldest', () => {
    const row = insightTest('t.x', [
      seen('fail', { task: 'older', finishedAt: '2024-03-01T09:00:00.000Z' }),
      seen('fail', { task: 'undated', finishedAt: null }),
      seen('fail', { task: 'newest', changeId: 700002, finishedAt: '2024-03-02T09:00:00.000Z' }),
      seen('success', { task: 'newer-pass', finishedAt: '2024-03-03T09:00:00.000Z' }),
    ]);
    expect(row.last_failed).toEqual({ task: 'newest', change_id: 700002, finished_at: '2024-03-02T09:00:00.000Z' });
    expect(insightTest('t.x', [seen('success')]).last_failed).toBeNull();
    expect(insightTest('t.x', [seen('fail', { task: 'only', finishedAt: null })]).last_failed).toEqual({
      task: 'only',
      change_id: 700001,
      finished_at: null,
    });
  });

  it('no other run: unknown, with zero counts', () => {
    expect(insightTest('t.x', [])).toEqual({
      name: 't.x',
      status_here: 'fail',
      other_changes: { runs: 0, failed: 0, passed: 0, skipped: 0 },
      same_change: { runs: 0, failed: 0, passed: 0, skipped: 0 },
      verdict: 'unknown',
      last_failed: null,
    });
  });
});
