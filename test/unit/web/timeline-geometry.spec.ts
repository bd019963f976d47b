import { assignLanes } from '../../../web/src/logic/lanes';
import { tickLabel, timeTicks } from '../../../web/src/logic/ticks';
import { toTestRecords } from '../../../web/src/logic/tests';
import {
  barExtent,
  clampWindow,
  hitTest,
  MIN_BAR_PX,
  overlaps,
  runBounds,
  testMatches,
  windowShowing,
  xOf,
  zoomWindow,
} from '../../../web/src/logic/timeline-geometry';
import { rawTests } from './fixtures';

describe('timeline geometry', () => {
  const tests = toTestRecords(rawTests('devstack-gate-tempest'));
  const bounds = runBounds(tests);

  it('tells whether two windows overlap (dstat recorded at another time does not)', () => {
    expect(overlaps(bounds, { from: bounds.to, to: bounds.to + 5000 })).toBe(true);
    expect(overlaps(bounds, { from: bounds.to + 1, to: bounds.to + 5000 })).toBe(false);
    expect(overlaps({ from: 0, to: 10 }, bounds)).toBe(false);
  });

  it('pads the run bounds around every test', () => {
    expect(tests.every((t) => t.start > bounds.from && t.end < bounds.to)).toBe(true);
  });

  it('zooms around an anchor and never leaves the run', () => {
    const anchor = (bounds.from + bounds.to) / 2;
    const w = zoomWindow(bounds, anchor, 0.5, bounds);
    expect(w.to - w.from).toBeCloseTo((bounds.to - bounds.from) / 2, 3);
    expect(xOf(anchor, w, 1000)).toBeCloseTo(500, 6);
    expect(zoomWindow(w, anchor, 10, bounds)).toEqual(bounds);
    const shifted = clampWindow({ from: bounds.to - 10, to: bounds.to + 990 }, bounds);
    expect(shifted).toEqual({ from: bounds.to - 1000, to: bounds.to });
  });

  it('hits zero-duration bars at their minimum width', () => {
    const skips = toTestRecords(rawTests('stestr-all-skips'));
    const lane = assignLanes(skips)[0];
    const w = runBounds(skips);
    const t = lane.tests[0];
    const [x0, x1] = barExtent(t, w, 800);
    expect(x1 - x0).toBeCloseTo(MIN_BAR_PX, 6);
    expect(hitTest(lane.tests, (x0 + x1) / 2, w, 800)).toBe(t);
  });

  it('finds the test under the pointer in a lane, or none in a gap', () => {
    const lane = assignLanes(tests)[0];
    const t = lane.tests[100];
    const mid = xOf((t.start + t.end) / 2, bounds, 4000);
    expect(hitTest(lane.tests, mid, bounds, 4000)).toBe(t);
    expect(hitTest(lane.tests, -50, bounds, 4000)).toBeNull();
  });

  it('moves the window to show a selected test', () => {
    const t = tests[tests.length - 1];
    const w = windowShowing({ from: bounds.from, to: bounds.from + 60000 }, t, bounds);
    expect(t.start).toBeGreaterThanOrEqual(w.from);
    expect(t.end).toBeLessThanOrEqual(w.to);
  });

  it('filters by name and status', () => {
    const t = tests.find((x) => x.status === 'skip')!;
    expect(testMatches(t, '', [])).toBe(true);
    expect(testMatches(t, t.name.slice(6, 20).toUpperCase(), ['skip'])).toBe(true);
    expect(testMatches(t, '', ['fail'])).toBe(false);
    expect(testMatches(t, 'no-such-name', [])).toBe(false);
  });
});

describe('time axis ticks', () => {
  it('picks a round step giving ticks at least the minimum spacing apart, all inside the window', () => {
    const w = { from: Date.UTC(2016, 5, 28, 13, 58, 36, 760), to: Date.UTC(2016, 5, 28, 14, 28, 0) };
    const { step, ticks } = timeTicks(w, 1000, 90);
    expect(step).toBe(300000);
    expect(ticks.every((t) => t >= w.from && t <= w.to && t % step === 0)).toBe(true);
    expect(tickLabel(ticks[0], step)).toBe('14:00:00');
    expect(tickLabel(Date.UTC(2016, 0, 1, 0, 0, 1, 250), 100)).toBe('00:00:01.250');
  });
});
