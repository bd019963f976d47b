import { assignLanes, nearestInNextLane, stepInLane, UNTAGGED_LABEL } from '../../../web/src/logic/lanes';
import { toTestRecords, workerOf } from '../../../web/src/logic/tests';
import { rawTests } from './fixtures';

describe('test records and worker lanes', () => {
  const stestr = toTestRecords(rawTests('stestr-failure'));
  const devstack = toTestRecords(rawTests('devstack-gate-tempest'));

  it('parses every test of a real stream, sorted by start, with epoch-ms times', () => {
    expect(stestr).toHaveLength(63);
    const firstStart = Math.min(...rawTests('stestr-failure').map((t) => Date.parse(t.timestamps[0]!)));
    expect(stestr[0].start).toBe(firstStart);
    for (let i = 1; i < stestr.length; i++) expect(stestr[i].start).toBeGreaterThanOrEqual(stestr[i - 1].start);
    expect(stestr.every((t, i) => t.index === i && t.end >= t.start)).toBe(true);
  });

  it('takes the lane from the first worker- tag', () => {
    expect(workerOf(['foo', 'worker-3', 'worker-1'])).toBe('worker-3');
    expect(workerOf([])).toBeNull();
  });

  it('orders worker lanes numerically and puts untagged tests in their own last lane', () => {
    const lanes = assignLanes(stestr);
    expect(lanes.map((l) => l.label)).toEqual(Array.from({ length: 16 }, (_, i) => `worker-${i}`));
    expect(lanes.reduce((n, l) => n + l.tests.length, 0)).toBe(63);

    const dl = assignLanes(devstack);
    expect(dl.map((l) => l.label)).toEqual(['worker-0', UNTAGGED_LABEL]);
    expect(dl[1].tests).toHaveLength(1);
  });

  it('keeps zero-duration tests (class-level skips) with start = end', () => {
    const skips = toTestRecords(rawTests('stestr-all-skips'));
    expect(skips).toHaveLength(7);
    expect(skips.every((t) => t.end === t.start && t.status === 'skip')).toBe(true);
  });

  it('steps through a lane with arrow keys and across lanes by time', () => {
    const lanes = assignLanes(stestr);
    const lane = lanes.find((l) => l.label === 'worker-15')!;
    expect(stepInLane(lanes, lane.tests[0], 1)).toBe(lane.tests[1]);
    expect(stepInLane(lanes, lane.tests[0], -1)).toBeNull();
    expect(stepInLane(lanes, lane.tests[lane.tests.length - 1], 1)).toBeNull();
    const up = nearestInNextLane(lanes, lane.tests[3], -1)!;
    expect(up.worker).toBe('worker-14');
  });

  it('keeps a test that never finished, ending at its last timestamp', () => {
    const [t] = toTestRecords([{ name: 'a', status: 'inprogress', tags: [], timestamps: ['2020-01-01T00:00:01.5Z', null], duration: 0 }]);
    expect(t.start).toBe(Date.parse('2020-01-01T00:00:01.500Z'));
    expect(t.end).toBe(t.start);
  });
});
