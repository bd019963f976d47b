import { reportRetryDelayMs } from '../../../src/watch/report-backoff';

describe('the reporter backoff after a 5xx or no answer', () => {
  it('doubles from one interval up to 15 minutes, and gives up once the waits pass an hour', () => {
    const delays: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const d = reportRetryDelayMs(attempt, 60_000);
      if (d === null) break;
      delays.push(d / 60_000);
    }
    expect(delays).toEqual([1, 2, 4, 8, 15, 15, 15]);
    expect(delays.reduce((a, b) => a + b)).toBeLessThanOrEqual(60);
  });
});
