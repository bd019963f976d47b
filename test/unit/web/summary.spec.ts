import { NO_DETAILS_SIGNATURE } from '../../../src/failure-cause/signature';
import { computeSummary } from '../../../web/src/logic/summary';
import { toTestRecords } from '../../../web/src/logic/tests';
import { details, rawTests } from './fixtures';

describe('run summary', () => {
  it('counts statuses, run time, per-worker test time, failures with their whole traceback', () => {
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
    expect(s.failures[0].traceback).toMatch(/^Traceback \(most recent call last\):\n {2}File "stestr\/tests\/test_subunit_trace.py"/);
    expect(s.failureCount).toBe(1);
    expect(s.causes).toHaveLength(1);
    expect(s.causes[0].signature).toMatch(/^IOError: \[Errno 2\] No such file or directory/);
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
    expect(s.causes).toEqual([]);
    expect(s.failureCount).toBe(0);
  });

  it('falls back to subunit-stats details when the details artifact lacks a traceback: their first line is the cause', () => {
    const tests = toTestRecords(rawTests('stestr-failure'));
    const failing = tests.find((t) => t.status === 'fail')!;
    const s = computeSummary(
      tests,
      {},
      {
        count: 63,
        start: null,
        end: null,
        total_duration: 0,
        skips: [],
        failures: [{ name: failing.name, duration: 1, details: ['IOError: x', 'Details: 3 files'] }],
      },
    );
    expect(s.failures[0].traceback).toBe('IOError: x\nDetails: 3 files');
    expect(s.causes[0].signature).toBe('IOError: x');
    expect(s.causes[0].signatureId).toBeNull();
  });

  it("groups by the service's cause and id where subunit-stats carries them", () => {
    const tests = toTestRecords(rawTests('stestr-triage'));
    const failing = [...new Set(tests.filter((t) => t.status === 'fail').map((t) => t.name))];
    const stats = {
      count: tests.length,
      start: null,
      end: null,
      total_duration: 0,
      skips: [],
      failures: failing.map((name, i) => ({
        name,
        duration: 1,
        details: null,
        cause: `cause ${i % 2}`,
        signature_id: `${i % 2}`.repeat(16),
      })),
    };
    const s = computeSummary(tests, details('stestr-triage'), stats);
    expect(s.causes.map((c) => [c.signature, c.signatureId, c.rows.length])).toEqual([
      ['cause 0', '0'.repeat(16), 16],
      ['cause 1', '1'.repeat(16), 16],
    ]);
  });

  it('groups a tempest-shaped run by cause, biggest first; a setUpClass failing on several workers is one row ×N', () => {
    const tests = toTestRecords(rawTests('stestr-triage'));
    const s = computeSummary(tests, details('stestr-triage'), null);
    expect(tests.filter((t) => t.status === 'fail')).toHaveLength(38);
    expect(s.failureCount).toBe(38);
    expect(s.causes.map((c) => [c.count, c.rows.length])).toEqual([
      [18, 18],
      [12, 12],
      [8, 2],
    ]);
    expect(s.causes[0].signature).toMatch(
      /^tempest\.lib\.exceptions\.TimeoutException: Request timed out\nDetails: .*Server <uuid> failed to reach ACTIVE/,
    );
    expect(s.causes[2].rows.map((r) => [r.name, r.count])).toEqual([
      ['tempest.api.image.test_image.ImagesTestJSON.setUpClass', 4],
      ['tempest.api.volume.test_volume.VolumesGetTest.setUpClass', 4],
    ]);
    expect(s.failures.reduce((n, f) => n + f.count, 0)).toBe(38);
  });

  it('failures without any traceback share one cause', () => {
    const tests = toTestRecords(rawTests('stestr-triage'));
    const s = computeSummary(tests, {}, null);
    expect(s.causes).toHaveLength(1);
    expect(s.causes[0].signature).toBe(NO_DETAILS_SIGNATURE);
    expect(s.causes[0].signatureId).toBeNull();
    expect(s.causes[0].count).toBe(38);
  });
});
