import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { junitArtifacts } from '../../../src/artifacts/parsers';
import { loadRunData, pickMeta } from '../../../web/src/data/run-data';
import type { StackVizStats, RunData } from '../../../web/src/data/types';
import { computeSummary, summaryFromStats } from '../../../web/src/logic/summary';
import { chunked } from '../parsers/parser-test-helpers';

/** The stestr triage run as the service stores it (its `subunit-stats` carry the failures' causes). */
async function storedArtifacts() {
  const report = readFileSync(join(__dirname, '../../fake-upstream/logs-data/stestr-triage-results.xml'));
  const { artifacts } = await junitArtifacts(chunked(report, 4096), 'test-results.xml');
  return artifacts.map((a) => ({
    type: a.artifactType,
    name: 'test-results.xml',
    text: async () => gunzipSync(a.gzipped).toString('utf8'),
  }));
}

describe('the summary before the test list is read', () => {
  it('reads subunit-stats first and hands the run over with the rest pending, then whole', async () => {
    const updates: RunData[] = [];
    const run = await loadRunData(
      pickMeta({ name: 'tempest-triage' }),
      await storedArtifacts(),
      {},
      {
        first: ['subunit-stats'],
        onUpdate: (r) => updates.push(r),
      },
    );
    const first = updates[0];
    expect(first.pending).toEqual(expect.arrayContaining(['subunit', 'subunit-details']));
    expect(first.pending).not.toContain('subunit-stats');
    expect(first.tests).toEqual([]);
    expect(first.stats!.count).toBe(61);
    expect(run.pending).toEqual([]);
    expect(run.tests).toHaveLength(61);

    // The counts and the causes it shows first are those of the whole run.
    const early = summaryFromStats(first.stats!, first.details)!;
    const whole = computeSummary(run.tests, run.details, run.stats);
    expect(early.total).toBe(whole.total);
    expect(early.failureCount).toBe(38);
    expect(early.counts).toEqual(whole.counts.filter((c) => c.status === 'fail' || c.status === 'skip'));
    expect(early.causes.map((c) => [c.signature, c.signatureId, c.count, c.rows.map((r) => r.name)])).toEqual(
      whole.causes.map((c) => [c.signature, c.signatureId, c.count, c.rows.map((r) => r.name)]),
    );
    expect(early.skips.map((k) => k.name)).toEqual(whole.skips.map((k) => k.name));
    expect(early.workers).toEqual([]);
  });

  it('gives no early summary when a failure has no cause (a StackViz export): grouping needs the tracebacks', async () => {
    const stats = JSON.parse(await (await storedArtifacts()).find((a) => a.type === 'subunit-stats')!.text()) as StackVizStats;
    expect(summaryFromStats(stats, {})).not.toBeNull();
    const exported = { ...stats, failures: stats.failures.map(({ cause: _c, signature_id: _s, ...f }) => f) };
    expect(summaryFromStats(exported, {})).toBeNull();
  });
});
