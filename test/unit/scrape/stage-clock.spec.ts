import { StageClock } from '../../../src/scrape/stage-clock';

/** A clock the test moves by hand, so the figures do not depend on the machine's load. */
function manualClock() {
  const clock = { ms: 0, now: () => clock.ms };
  return clock;
}

async function* slowChunks(n: number, waitMs: number, clock: { ms: number }): AsyncGenerator<Buffer> {
  for (let i = 0; i < n; i++) {
    await Promise.resolve();
    clock.ms += waitMs;
    yield Buffer.from([i]);
  }
}

describe('StageClock', () => {
  it('counts the time spent waiting for each chunk under the stage it names', async () => {
    const time = manualClock();
    const clock = new StageClock(time.now);
    const seen: number[] = [];
    for await (const chunk of clock.timed(slowChunks(3, 20, time), 'fetch')) seen.push(chunk[0]);
    expect(seen).toEqual([0, 1, 2]);
    expect(clock.summary().fetch).toBeGreaterThanOrEqual(55);
  });

  it('attributes to a stage only the time its finer stages do not account for', async () => {
    const time = manualClock();
    const clock = new StageClock(time.now);
    await clock.time('subunit', async () => {
      time.ms += 40;
      clock.add('decode', 10); // reported by the parser inside it: 10 of those 40 ms
      for await (const _ of clock.timed(slowChunks(1, 20, time), 'fetch')) void _;
    });
    const s = clock.summary({ queue: 7 });
    expect(s.decode).toBe(10);
    expect(s.fetch).toBeGreaterThanOrEqual(18);
    expect(s.subunit).toBeGreaterThanOrEqual(25);
    expect(s.subunit).toBeLessThan(60);
    expect(s.queue).toBe(7);
    expect(Object.keys(s).slice(-2)).toEqual(['other', 'total']);
    expect(s.total).toBeGreaterThanOrEqual(7 + 50);
  });
});
