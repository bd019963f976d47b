import { gunzipSync } from 'zlib';
import { ArtifactFormatError, performanceArtifact } from '../../../src/artifacts/parsers';
import { chunked, fixture } from './parser-test-helpers';

// fixtures/performance/performance.json: written by hand in get-stats.py's exact shape and layout
// (json.dumps(indent=2) of a tempest run's services, db, processes, api and report).
describe('performanceArtifact', () => {
  it("stores devstack's performance.json byte for byte", async () => {
    const bytes = fixture('performance', 'performance.json');
    const artifact = await performanceArtifact(chunked(bytes, 100), 'performance.json');
    expect(artifact).toMatchObject({ artifactType: 'performance', contentType: 'application/json', primary: false });
    expect(gunzipSync(artifact.gzipped)).toEqual(bytes);
  });

  it('accepts a run whose db, processes and api lists are empty (no pymysql, no psutil, no Apache logs)', async () => {
    const doc = {
      services: [{ service: 'devstack@n-api.service', MemoryCurrent: '[not set]' }],
      db: [],
      processes: [],
      api: [],
      report: { timestamp: '2024-02-13T23:31:05.402617', hostname: 'h', version: 2 },
    };
    const artifact = await performanceArtifact(chunked(Buffer.from(JSON.stringify(doc)), 7), 'performance.json');
    expect(JSON.parse(gunzipSync(artifact.gzipped).toString())).toEqual(doc);
  });

  const valid = () => JSON.parse(fixture('performance', 'performance.json').toString()) as Record<string, unknown>;
  it.each<[string, string, RegExp]>([
    ['not JSON', '{"services": [', /performance\.json is not JSON \(/],
    ['empty', '', /is not JSON .*: it is empty/],
    ['a list', '[]', /not devstack's performance report: it is not a JSON object/],
    ['without services', JSON.stringify({ ...valid(), services: undefined }), /"services" is missing/],
    ['with db not a list', JSON.stringify({ ...valid(), db: {} }), /"db" is not a list/],
    ['with an unnamed service', JSON.stringify({ ...valid(), services: [{ MemoryCurrent: 1 }] }), /"services"\[0\] has no "service" name/],
    ['without a report timestamp', JSON.stringify({ ...valid(), report: { hostname: 'h' } }), /"report" has no "timestamp"/],
  ])('rejects a file that is %s', async (_what, text, message) => {
    const attempt = performanceArtifact(chunked(Buffer.from(text), 64), 'performance.json');
    await expect(attempt).rejects.toBeInstanceOf(ArtifactFormatError);
    await expect(performanceArtifact(chunked(Buffer.from(text), 64), 'performance.json')).rejects.toThrow(message);
  });
});
