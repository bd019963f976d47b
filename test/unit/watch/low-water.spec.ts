import { nextLowWater, scanStart } from '../../../src/watch/low-water';

describe('the low-water mark', () => {
  it('is the lowest _id still running, so a long build that started first is read again until it completes', () => {
    expect(nextLowWater([105, 107], [101, 106], 100)).toBe(101);
    expect(nextLowWater([101, 105, 107], [106], 101)).toBe(106);
  });

  it('is the highest _id seen + 1 when nothing runs, and stays put when a poll sees nothing', () => {
    expect(nextLowWater([105, 107], [], 100)).toBe(108);
    expect(nextLowWater([], [], 108)).toBe(108);
    expect(nextLowWater([], [], null)).toBeNull();
  });

  it('pages back to the lower of the last two marks', () => {
    expect(scanStart(120, 101)).toBe(101);
    expect(scanStart(120, null)).toBe(120);
    expect(scanStart(null, null)).toBeNull();
  });
});
