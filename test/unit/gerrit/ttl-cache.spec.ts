import { TtlCache } from '../../../src/gerrit/ttl-cache';

describe('TtlCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('returns a value until its ttl has passed', () => {
    const cache = new TtlCache<string>(30_000, 10, clock);
    cache.set('a', 'x');
    now += 29_999;
    expect(cache.get('a')).toBe('x');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the oldest stored', () => {
    const cache = new TtlCache<number>(30_000, 3, clock);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) cache.set(key, i);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 10); // storing again makes it the newest
    cache.set('e', 4);
    expect([cache.get('b'), cache.get('c'), cache.get('d'), cache.get('e')]).toEqual([10, undefined, 3, 4]);
  });

  it('stores nothing with a ttl of 0', () => {
    const cache = new TtlCache<string>(0, 10, clock);
    cache.set('a', 'x');
    expect(cache.get('a')).toBeUndefined();
  });
});
