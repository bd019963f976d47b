import { changeOf, compareRuns } from '../../../src/compare/compare-runs';
import { TestIndex } from '../../../src/test-results/test-index';

function run(tests: [string, string, number | null][]): TestIndex {
  const index = new TestIndex();
  for (const [name, status, duration] of tests) index.add(name, status, duration);
  return index;
}

describe('changeOf', () => {
  const t = (status: string, duration: number | null = 1) => ({ status, duration });

  it.each([
    ['success', 'fail', 'new_failure'],
    ['skip', 'fail', 'new_failure'],
    ['fail', 'success', 'fixed'],
    ['fail', 'skip', 'fixed'],
    ['fail', 'fail', 'still_failing'],
    ['success', 'success', null],
    ['success', 'xfail', null],
  ])('%s → %s is %s', (before, after, change) => {
    expect(changeOf(t(before), t(after))).toBe(change);
  });

  it.each([
    [1, 2, 'slower'],
    [1, 1.99, null],
    [0.1, 0.9, null],
    [0.4, 1.4, 'slower'],
    [10, 19, null],
    [10, 20, 'slower'],
    [20, 10, 'faster'],
    [1.4, 0.4, 'faster'],
    [0.9, 0.1, null],
    [null, 30, null],
  ])('a passing test taking %s s then %s s is %s (at least 2× and 1 s)', (before, after, change) => {
    expect(changeOf(t('success', before), t('success', after))).toBe(change);
  });

  it('a failure change wins over a duration change', () => {
    expect(changeOf(t('success', 1), t('fail', 100))).toBe('new_failure');
  });
});

describe('compareRuns', () => {
  const base = run([
    ['t.fixed', 'fail', 1],
    ['t.still', 'fail', 1],
    ['t.same', 'success', 5],
    ['t.removed', 'success', 1],
    ['t.slow_a', 'success', 1],
    ['t.slow_b', 'success', 1],
    ['t.fast', 'success', 10],
    ['t.b_new', 'success', 1],
    ['t.a_new', 'skip', null],
  ]);
  const head = run([
    ['t.added', 'success', 1],
    ['t.same', 'success', 6],
    ['t.slow_a', 'success', 3],
    ['t.slow_b', 'success', 30],
    ['t.fast', 'success', 1],
    ['t.fixed', 'success', 1],
    ['t.still', 'fail', 1],
    ['t.b_new', 'fail', 1],
    ['t.a_new', 'fail', 2],
  ]);

  it('counts every kind of change, unchanged tests included', () => {
    expect(compareRuns(base, head).counts).toEqual({
      new_failures: 2,
      fixed: 1,
      still_failing: 1,
      added: 1,
      removed: 1,
      slower: 2,
      faster: 1,
      unchanged: 1,
    });
  });

  it('lists new failures first, then fixed, still failing, slower, faster, added, removed; slower by how much', () => {
    const { tests } = compareRuns(base, head);
    expect(tests.map((t) => [t.change, t.name])).toEqual([
      ['new_failure', 't.a_new'],
      ['new_failure', 't.b_new'],
      ['fixed', 't.fixed'],
      ['still_failing', 't.still'],
      ['slower', 't.slow_b'],
      ['slower', 't.slow_a'],
      ['faster', 't.fast'],
      ['added', 't.added'],
      ['removed', 't.removed'],
    ]);
    expect(tests[0]).toEqual({
      name: 't.a_new',
      change: 'new_failure',
      base: { status: 'skip', duration: null },
      head: { status: 'fail', duration: 2 },
    });
    expect(tests.find((t) => t.change === 'added')).toMatchObject({ base: null, head: { status: 'success', duration: 1 } });
    expect(tests.find((t) => t.change === 'removed')).toMatchObject({ base: { status: 'success', duration: 1 }, head: null });
  });

  it('between a run and itself lists only what still fails', () => {
    const { counts, tests } = compareRuns(base, base);
    expect(tests.map((t) => [t.change, t.name])).toEqual([
      ['still_failing', 't.fixed'],
      ['still_failing', 't.still'],
    ]);
    expect(counts.unchanged).toBe(base.size - 2);
  });
});
