import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { junitArtifacts } from '../../../src/artifacts/parsers';
import { loadRunData, pickMeta } from '../../../web/src/data/run-data';
import type { StackVizTest } from '../../../web/src/data/types';
import { toTestRecords } from '../../../web/src/logic/tests';
import { computeSummary } from '../../../web/src/logic/summary';
import { chunked } from '../parsers/parser-test-helpers';

/** subunit2junitxml's rendering of the stestr triage run: durations, no timestamps (test/fixtures/junit/pytest-tox-project/make-reports.sh). */
const REPORT = readFileSync(join(__dirname, '../../fake-upstream/logs-data/stestr-triage-results.xml'));

async function storedArtifacts() {
  const { artifacts } = await junitArtifacts(chunked(REPORT, 4096), 'test-results.xml');
  return artifacts.map((a) => ({
    type: a.artifactType,
    name: 'test-results.xml',
    text: async () => gunzipSync(a.gzipped).toString('utf8'),
  }));
}

describe('a JUnit report with durations only', () => {
  it('keeps every test, laid end to end in the report order from its durations', async () => {
    const raw = JSON.parse(await (await storedArtifacts()).find((a) => a.type === 'subunit')!.text()) as StackVizTest[];
    expect(raw.every((t) => t.timestamps[0] === null && t.timestamps[1] === null)).toBe(true);
    const tests = toTestRecords(raw);
    expect(tests).toHaveLength(raw.length);
    expect(tests.map((t) => t.name)).toEqual(raw.map((t) => t.name));
    expect(tests[0].start).toBe(0);
    for (let i = 1; i < tests.length; i++) expect(tests[i].start).toBe(tests[i - 1].end);
    expect(tests.every((t) => !t.timed && Math.abs(t.end - t.start - t.duration * 1000) < 1e-6)).toBe(true);
  });

  it('gives the viewer the counts, the failures by cause and a run flagged as durations only', async () => {
    const run = await loadRunData(pickMeta({ name: 'tempest-triage' }), await storedArtifacts());
    expect(run.durationsOnly).toBe(true);
    const summary = computeSummary(run.tests, run.details, run.stats);
    expect(summary.total).toBe(61);
    // subunit2junitxml writes one test case per failure, so a setUpClass that failed on 4 workers is 4 cases
    expect(summary.failureCount).toBe(38);
    expect(summary.causes.map((c) => c.count)).toEqual([18, 12, 8]);
  });

  it('a test without a time among timed ones follows the test before it', () => {
    const tests = toTestRecords([
      { name: 'a', status: 'success', tags: [], timestamps: ['2026-11-27T09:00:00Z', '2026-11-27T09:00:02Z'], duration: 2 },
      { name: 'b', status: 'fail', tags: [], timestamps: [null, null], duration: 3 },
    ]);
    expect(tests.map((t) => [t.name, t.timed, new Date(t.start).toISOString(), new Date(t.end).toISOString()])).toEqual([
      ['a', true, '2026-11-27T09:00:00.000Z', '2026-11-27T09:00:02.000Z'],
      ['b', false, '2026-11-27T09:00:02.000Z', '2026-11-27T09:00:05.000Z'],
    ]);
  });
});
