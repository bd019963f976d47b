import { computeSummary, tracebackTail } from '../../../web/src/logic/summary';
import { toTestRecords } from '../../../web/src/logic/tests';
import { details, rawTests } from './fixtures';

describe('run summary', () => {
  it('counts statuses, run time, per-worker test time, failures with traceback tails', () => {
    const tests = toTestRecords(rawTests('stestr-failure'));
    const s = computeSummary(tests, details('stestr-failure'), null);
    expect(s.total).toBe(63);
    expect(s.counts).toEqual([
      { status: 'success', count: 62 },
      { status: 'fail', count: 1 },
    ]);
    expect(s.runTime).toBeCloseTo((s.end! - s.start!) / 1000, 6);
    expect(s.runTime).toBeGreaterThan(0);
    expect(s.workers.map((w) => w.worker)).toEqual(s.workers.map((w) => w.label));
    const sumByWorker = s.workers.reduce((n, w) => n + w.testTime, 0);
    expect(sumByWorker).toBeCloseTo(
      tests.reduce((n, t) => n + t.duration, 0),
      6,
    );
    expect(s.failures).toHaveLength(1);
    expect(s.failures[0].name).toBe('stestr.tests.test_subunit_trace.TestSubunitTrace.test_trace_with_all_skips');
    expect(s.failures[0].tail.split('\n').pop()).toMatch(/^IOError: \[Errno 2\] No such file or directory/);
  });

  it('lists skips with their reasons and the 10 slowest tests, slowest first', () => {
    const skips = computeSummary(toTestRecords(rawTests('stestr-all-skips')), details('stestr-all-skips'), null);
    expect(skips.skips).toHaveLength(7);
    expect(skips.skips.every((k) => k.reason === 'Sahara support is required')).toBe(true);

    const tests = toTestRecords(rawTests('devstack-gate-tempest'));
    const s = computeSummary(tests, {}, null);
    expect(s.slowest).toHaveLength(10);
    const max = Math.max(...tests.map((t) => t.duration));
    expect(s.slowest[0].duration).toBe(max);
    expect(s.slowest.every((t, i) => i === 0 || t.duration <= s.slowest[i - 1].duration)).toBe(true);
    expect(s.counts).toEqual([
      { status: 'success', count: 286 },
      { status: 'skip', count: 13 },
    ]);
  });

  it('falls back to subunit-stats details when the details artifact lacks a traceback', () => {
    const tests = toTestRecords(rawTests('stestr-failure'));
    const failing = tests.find((t) => t.status === 'fail')!;
    const s = computeSummary(tests, {}, {
      count: 63, start: null, end: null, total_duration: 0, skips: [],
      failures: [{ name: failing.name, duration: 1, details: ['line one', 'IOError: x'] }],
    });
    expect(s.failures[0].tail).toBe('line one\nIOError: x');
  });

  it('takes the last non-blank lines of a traceback', () => {
    expect(tracebackTail('a\nb\n\nc\nd\ne\n\n', 3)).toBe('c\nd\ne');
  });
});
