import type { InsightResult, InsightTest } from '../../../src/api-shapes';
import { REVIEW_MAX_BYTES, reviewMessage, ReviewSubject } from '../../../src/watch/review-message';

const URL = 'https://stackviz.example.org';

function test(name: string, verdict: InsightTest['verdict'], signature: string, cause = 'ValueError: bad'): InsightTest {
  return {
    name,
    status_here: 'fail',
    cause,
    signature_id: signature,
    other_changes: { runs: 5, failed: verdict === 'broken' ? 5 : 1, passed: 0, skipped: 0, changes: 4, same_cause: 0 },
    same_change: { runs: 0, failed: 0, passed: 0, skipped: 0 },
    verdict,
    last_failed: null,
  };
}

function insight(tests: InsightTest[], readRuns = 5): InsightResult {
  const run = {
    task: 't',
    url: 'u',
    change_id: 1,
    revision: 1,
    pipeline: 'check',
    status: 'finished' as const,
    error: null,
    finished_at: null,
    same_change: false,
  };
  return {
    uuid: 'i',
    status: 'finished',
    task: 'task-1',
    job: 'tempest-full',
    builds: 20,
    runs: Array.from({ length: readRuns }, () => run),
    tests,
  };
}

const subject = (over: Partial<ReviewSubject>): ReviewSubject => ({
  job: 'tempest-full',
  buildUuid: 'b'.repeat(32),
  taskId: 'task-1',
  publicUrl: URL,
  insight: null,
  consoleFailure: null,
  standings: new Map(),
  ...over,
});

describe('the review message', () => {
  it('names the job and build, then one line per cause and verdict with the tests and links', () => {
    const text = reviewMessage(
      subject({
        insight: insight([
          test('a.A', 'broken', 's1', 'Boom\nDetails: x'),
          test('a.B', 'broken', 's1', 'Boom\nDetails: x'),
          test('a.C', 'unknown', 's2'),
        ]),
        standings: new Map([
          ['s1', { otherChanges: 12, bug: { url: 'https://bugs.launchpad.net/nova/+bug/1', title: 'Boom in nova' } }],
          ['s2', { otherChanges: 0, bug: null }],
        ]),
      }),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe(`StackViz triage of tempest-full (build ${'b'.repeat(32)}): ${URL}/s/task-1/`);
    expect(lines.slice(2)).toEqual([
      `- broken — fails on other changes too: a.A, a.B: Boom Details: x; failed in 5 of 5 runs on 4 other changes; seen on 12 other changes in the last 7 days; bug: Boom in nova https://bugs.launchpad.net/nova/+bug/1. ${URL}/f/s1`,
      `- unknown (too few other runs): a.C: ValueError: bad; failed in 1 of 5 runs on 4 other changes; seen on 0 other changes in the last 7 days. ${URL}/f/s2`,
    ]);
  });

  it('lists at most 10 causes, then "and N more", and stays within 16,000 bytes', () => {
    const many = Array.from({ length: 14 }, (_, i) => test(`t${i}`, 'new', `s${i}`, 'é'.repeat(4000)));
    const text = reviewMessage(subject({ insight: insight(many) }));
    expect(text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(10);
    expect(text).toContain('\nand 4 more');
    const huge = reviewMessage(subject({ job: 'x'.repeat(20000) }));
    expect(Buffer.byteLength(huge)).toBeLessThanOrEqual(REVIEW_MAX_BYTES);
  });

  it('says so when no other run could be read, and gives the failed console step when no test failed', () => {
    expect(reviewMessage(subject({ insight: insight([test('a.A', 'unknown', 's1')], 0) }))).toContain(
      'No other run of this job could be read',
    );
    expect(reviewMessage(subject({ consoleFailure: { step: 'Run devstack', firstError: 'ERROR: stack.sh failed' } }))).toMatch(
      /\nNo test failed; the step that failed: Run devstack: ERROR: stack.sh failed$/,
    );
  });
});
