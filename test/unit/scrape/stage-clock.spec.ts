import { setTimeout as sleep } from 'node:timers/promises';
import { StageClock } from '../../../src/scrape/stage-clock';

async function* slowChunks(n: number, waitMs: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < n; i++) {
    await sleep(waitMs);
    yield Buffer.from([i]);
  }
}

describe('StageClock', () => {
  it('counts the time spent waiting for each chunk under the stage it names', async () => {
    const clock = new StageClock();
    const seen: number[] = [];
    for await (const chunk of clock.timed(slowChunks(3, 20), 'fetch')) seen.push(chunk[0]);
    expect(seen).toEqual([0, 1, 2]);
    expect(clock.summary().fetch).toBeGreaterThanOrEqual(55);
  });

  it('attributes to a stage only the time its finer stages do not account for', async () => {
    const clock = new StageClock();
    await clock.time('subunit', async () => {
      await sleep(40);
      clock.add('decode', 10); // reported by the parser inside it: 10 of those 40 ms
      for await (const _ of clock.timed(slowChunks(1, 20), 'fetch')) void _;
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
