import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { subunitArtifacts } from '../../../src/artifacts/parsers';
import { artifactJson, chunked } from '../parsers/parser-test-helpers';

const DIR = join(__dirname, '../../fake-upstream/logs-data/flaky-job');
const STREAMS = readdirSync(DIR).filter((f) => f.endsWith('.subunit'));
/** subunit2csv goes through the v1 TestResult API, which renames statuses. */
const V1_STATUS: Record<string, string> = { failure: 'fail', success: 'success', skip: 'skip' };

describe("the flaky job's committed streams (logs-data/flaky-job)", () => {
  it('are eleven runs', () => {
    expect(STREAMS.sort()).toEqual(
      ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'ps1', 'recheck', 't'].map((n) => `${n}.subunit`).sort(),
    );
  });

  it.each(STREAMS)("%s: our reading lists the tests and statuses Debian's subunit2csv does", async (file) => {
    const bytes = readFileSync(join(DIR, file));
    const run = spawnSync('/usr/bin/subunit2csv', { input: bytes, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    const reference = run.stdout
      .toString('utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','))
      .map(([name, status]) => [name, V1_STATUS[status]]);
    const { artifacts, warnings } = await subunitArtifacts(chunked(bytes, 512));
    expect(warnings).toEqual([]);
    const ours = artifactJson<{ name: string; status: string }[]>(artifacts, 'subunit').map((t) => [t.name, t.status]);
    expect(ours.sort()).toEqual(reference.sort());
    expect(ours.length).toBeGreaterThan(10);
  });
});
