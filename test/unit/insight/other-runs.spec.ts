import type { JobEntry } from '../../../src/api-shapes';
import { gatherOtherRuns, InsightSubject, RunSources } from '../../../src/insight/other-runs';
import { jobEntry } from '../../../src/jobs/job-entry';

const LOGS = 'https://logs.example.org';
const subject: InsightSubject = { url: `${LOGS}/own/`, buildUuid: 'own', job: 'tempest-full-py3', changeId: 654321 };

function entry(build: string, change: number | null, over: Partial<JobEntry> = {}): JobEntry {
  return jobEntry({ name: 'tempest-full-py3', change_id: change, revision: 1, url: `${LOGS}/${build}`, build_uuid: build, ...over });
}

function sources(history: JobEntry[], recent: JobEntry[]): RunSources & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    history: async (change) => (change === subject.changeId ? history : []),
    recentBuilds: async (limit) => {
      asked.push(limit);
      return recent.slice(0, limit);
    },
  };
}

describe('gatherOtherRuns', () => {
  it("takes the change's other runs of the job first, then recent builds of other changes, skipping its own build and repeats", async () => {
    const history = [
      entry('own', 654321),
      entry('ps1', 654321),
      entry('pep8', 654321, { name: 'openstack-tox-pep8' }),
      entry('nologs', 654321, { url: null }),
      // an attempt Zuul retried: it did not run to the end
      entry('retried', 654321, { status: 'RETRY', retried: true, latest: false }),
      jobEntry(
        { name: 'tempest-full-py3', change_id: 654321, url: 'https://other.example/x/', build_uuid: 'elsewhere' },
        'other.example is not a log server this service fetches from',
      ),
    ];
    const recent = [entry('own', 654321), entry('ps1', 654321), entry('o1', 700001), entry('o2', 700002), entry('o3', 700003)];
    const s = sources(history, recent);
    const runs = await gatherOtherRuns(subject, 3, s);
    expect(runs.map((r) => [r.fields.build_uuid, r.sameChange])).toEqual([
      ['ps1', true],
      ['o1', false],
      ['o2', false],
    ]);
    expect(runs[0].fields.url).toBe(`${LOGS}/ps1/`);
    // Room for 2 more, plus spare for the 2 already taken (its own build and ps1) that come back.
    expect(s.asked).toEqual([4]);
  });

  it('stops at `wanted` within the history and then asks Zuul for nothing', async () => {
    const s = sources([entry('a', 654321), entry('b', 654321), entry('c', 654321)], [entry('o1', 700001)]);
    expect((await gatherOtherRuns(subject, 2, s)).map((r) => r.fields.build_uuid)).toEqual(['a', 'b']);
    expect(s.asked).toEqual([]);
  });

  it('a build of the same change that only Zuul lists counts as the same change', async () => {
    const s = sources([], [entry('late', 654321), entry('o1', 700001)]);
    expect((await gatherOtherRuns(subject, 5, s)).map((r) => r.sameChange)).toEqual([true, false]);
  });

  it('a run without a change (periodic) has no history to read', async () => {
    const s = sources([entry('never', 654321)], [entry('o1', null)]);
    const runs = await gatherOtherRuns({ ...subject, changeId: null }, 5, s);
    expect(runs.map((r) => [r.fields.build_uuid, r.sameChange])).toEqual([['o1', false]]);
  });
});
