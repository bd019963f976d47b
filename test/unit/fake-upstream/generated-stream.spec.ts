import { spawnSync } from 'node:child_process';
import { subunitArtifacts } from '../../../src/artifacts/parsers';
import { generatedStream, GeneratedTest } from '../../fake-upstream/generated-stream';
import { artifactJson, chunked } from '../parsers/parser-test-helpers';

const tests: GeneratedTest[] = [
  { id: 'pkg.A.test_pass', status: 'success', seconds: 0.25 },
  { id: 'pkg.A.test_fail', status: 'fail', seconds: 1.5 },
  { id: 'pkg.B.test_skip', status: 'skip', seconds: 0 },
  { id: 'pkg.B.test_caf\u00e9', status: 'success', seconds: 70000 },
];

describe('generated subunit streams', () => {
  const stream = generatedStream(tests, { workers: 2, startMicros: Date.UTC(2024, 2, 1, 8) * 1000 });

  it("are what Debian's subunit2csv reads: every test with its status and times", () => {
    // It exits 1 when a test failed, as subunit's filters do.
    const run = spawnSync('/usr/bin/subunit2csv', { input: stream, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    expect(run.stderr.toString()).toBe('');
    const csv = run.stdout.toString('utf8').trim().split(/\r?\n/);
    expect(csv).toEqual([
      'test,status,start_time,stop_time',
      'pkg.A.test_pass,success,2024-03-01 08:00:00+00:00,2024-03-01 08:00:00.250000+00:00',
      'pkg.A.test_fail,failure,2024-03-01 08:00:00+00:00,2024-03-01 08:00:01.500000+00:00',
      'pkg.B.test_skip,skip,2024-03-01 08:00:00.251000+00:00,2024-03-01 08:00:00.251000+00:00',
      'pkg.B.test_caf\u00e9,success,2024-03-01 08:00:01.501000+00:00,2024-03-02 03:26:41.501000+00:00',
    ]);
  });

  it('decode cleanly, the failure with its traceback', async () => {
    const { artifacts, warnings } = await subunitArtifacts(chunked(stream, 100));
    expect(warnings).toEqual([]);
    expect(
      artifactJson<{ name: string; status: string; duration: number }[]>(artifacts, 'subunit').map((t) => [t.name, t.status, t.duration]),
    ).toEqual(tests.map((t) => [t.id, t.status, t.seconds]));
    expect(artifactJson<Record<string, { traceback: string }>>(artifacts, 'subunit-details')['pkg.A.test_fail'].traceback).toMatch(
      /AssertionError: generated failure/,
    );
  });
});
