import { WindowMemo } from '../../../src/failures/window-memo';

describe('WindowMemo', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 0));

  it('computes once per key and state, shares a computation under way, and computes again when the state moves', async () => {
    const memo = new WindowMemo<number>(0, 64, now);
    let runs = 0;
    const compute = async () => ++runs;
    const state = (s: string) => async () => s;
    const [a, b] = await Promise.all([memo.get('7', 0, state('s1'), compute), memo.get('7', 0, state('s1'), compute)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    expect(await memo.get('30', 0, state('s1'), compute)).toBe(2);
    expect(await memo.get('7', 0, state('s2'), compute)).toBe(3);
    expect(await memo.get('7', 0, state('s2'), compute)).toBe(3);
  });

  it('reads the state again only after recheckMs, or at once when the generation moved', async () => {
    const memo = new WindowMemo<string>(5000, 64, now);
    let state = 's1';
    let reads = 0;
    const readState = async () => (reads++, state);
    const compute = async () => `ranking of ${state}`;
    expect(await memo.get('7', 0, readState, compute)).toBe('ranking of s1');
    state = 's2'; // another process wrote
    clock = 4999;
    expect(await memo.get('7', 0, readState, compute)).toBe('ranking of s1');
    expect(reads).toBe(1);
    clock = 5000;
    expect(await memo.get('7', 0, readState, compute)).toBe('ranking of s2');
    expect(reads).toBe(2);
    state = 's3'; // this process wrote
    clock = 5001;
    expect(await memo.get('7', 1, readState, compute)).toBe('ranking of s3');
    // a state read that finds nothing changed keeps the answer and restarts the interval
    clock = 10_001;
    expect(await memo.get('7', 1, readState, async () => 'recomputed')).toBe('ranking of s3');
    clock = 15_000;
    expect(await memo.get('7', 1, readState, async () => 'recomputed')).toBe('ranking of s3');
    expect(reads).toBe(4);
  });

  it('forgets a failed computation, and the oldest key beyond its size', async () => {
    const memo = new WindowMemo<string>(5000, 2, now);
    const s = async () => 's';
    await expect(memo.get('k', 0, s, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memo.get('k', 0, s, async () => 'ok')).toBe('ok');
    await memo.get('a', 0, s, async () => 'a');
    await memo.get('b', 0, s, async () => 'b');
    expect(await memo.get('k', 0, s, async () => 'again')).toBe('again');
  });
});
