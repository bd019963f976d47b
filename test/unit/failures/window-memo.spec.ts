import { WindowMemo } from '../../../src/failures/window-memo';

describe('WindowMemo', () => {
  it('computes once per key and state, shares a computation under way, and computes again when the state moves', async () => {
    const memo = new WindowMemo<number>();
    let runs = 0;
    const compute = async () => ++runs;
    const [a, b] = await Promise.all([memo.get('7', 's1', compute), memo.get('7', 's1', compute)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    expect(await memo.get('30', 's1', compute)).toBe(2);
    expect(await memo.get('7', 's2', compute)).toBe(3);
    expect(await memo.get('7', 's2', compute)).toBe(3);
  });

  it('forgets a failed computation, and the oldest key beyond its size', async () => {
    const memo = new WindowMemo<string>(2);
    await expect(memo.get('k', 's', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memo.get('k', 's', async () => 'ok')).toBe('ok');
    await memo.get('a', 's', async () => 'a');
    await memo.get('b', 's', async () => 'b');
    expect(await memo.get('k', 's', async () => 'again')).toBe('again');
  });
});
