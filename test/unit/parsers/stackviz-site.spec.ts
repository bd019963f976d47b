import { gunzipSync } from 'zlib';
import { ArtifactFormatError } from '../../../src/artifacts/parsers';
import { importedArtifact } from '../../../src/artifacts/parsers/stackviz/imported-artifact';
import { readStackVizSiteConfig } from '../../../src/artifacts/parsers/stackviz/stackviz-site-config';
import { chunked, fixture } from './parser-test-helpers';

// fixtures/stackviz-site/data: what stackviz-export wrote for stestr's failure run (export-site.sh)
const site = (name: string) => fixture('stackviz-site', 'data', name);

describe('readStackVizSiteConfig', () => {
  it("lists the files of stackviz-export's datasets with their types and names", () => {
    expect(readStackVizSiteConfig(site('config.json').toString(), 'config.json')).toEqual({
      files: [
        { path: 'dstat.csv', artifactName: 'dstat-0.8-tcmndrylpg.csv', artifactType: 'dstat' },
        { path: 'stdin-0-raw.json', artifactName: 'stdin', artifactType: 'subunit' },
        { path: 'stdin-0-details.json', artifactName: 'stdin', artifactType: 'subunit-details' },
        { path: 'stdin-0-stats.json', artifactName: 'stdin', artifactType: 'subunit-stats' },
      ],
      inlineStats: [],
      skipped: [],
    });
  });

  it('reads the pre-2016 format: tempest entries with the stats inline and a dstat path', () => {
    const stats = { count: 2, start: null, end: null, total_duration: 1.5, failures: [], skips: [] };
    const legacy = {
      tempest: [
        {
          id: 0,
          name: 'Subunit File: testrepository.subunit',
          raw: 'tempest_file_0_raw.json',
          tree: 'tempest_file_0_tree.json',
          details: 'tempest_file_0_details.json',
          stats,
          dstat: 'dstat_log.csv',
        },
      ],
    };
    expect(readStackVizSiteConfig(JSON.stringify(legacy), 'config.json')).toEqual({
      files: [
        { path: 'tempest_file_0_raw.json', artifactName: 'Subunit File: testrepository.subunit', artifactType: 'subunit' },
        { path: 'tempest_file_0_details.json', artifactName: 'Subunit File: testrepository.subunit', artifactType: 'subunit-details' },
        { path: 'dstat_log.csv', artifactName: 'dstat', artifactType: 'dstat' },
      ],
      inlineStats: [{ artifactName: 'Subunit File: testrepository.subunit', json: JSON.stringify(stats) }],
      skipped: [],
    });
  });

  it('leaves out artifact types it does not store', () => {
    const config = {
      deployer: false,
      datasets: [{ artifacts: [{ path: 'console.json', artifact_name: 'console.html', artifact_type: 'console' }] }],
    };
    expect(readStackVizSiteConfig(JSON.stringify(config), 'config.json')).toMatchObject({ files: [], skipped: ['console.json (console)'] });
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '<html>', /config\.json is not JSON/],
    ['a deployer config without datasets', '{"deployer": true, "apiRoot": "/api"}', /neither "datasets" nor "tempest"/],
    ['a dataset without artifacts', '{"datasets": [{"name": "x"}]}', /a dataset has no "artifacts" list/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => readStackVizSiteConfig(text, 'config.json')).toThrow(ArtifactFormatError);
    expect(() => readStackVizSiteConfig(text, 'config.json')).toThrow(message);
  });
});

describe('importedArtifact', () => {
  it.each([
    ['subunit', 'stdin-0-raw.json', true],
    ['subunit-details', 'stdin-0-details.json', false],
    ['subunit-stats', 'stdin-0-stats.json', false],
  ] as const)('stores %s as found, gzip-compressed', async (type, name, primary) => {
    const artifact = await importedArtifact(type, chunked(site(name), 1000), name);
    expect(artifact).toMatchObject({ artifactType: type, contentType: 'application/json', primary });
    expect(gunzipSync(artifact.gzipped)).toEqual(site(name));
  });

  it('checks dstat as dstat', async () => {
    const artifact = await importedArtifact('dstat', chunked(site('dstat.csv'), 100), 'dstat.csv');
    expect(artifact).toMatchObject({ artifactType: 'dstat', contentType: 'text/csv' });
    await expect(importedArtifact('dstat', chunked(site('stdin-0-raw.json'), 100), 'dstat.csv')).rejects.toBeInstanceOf(
      ArtifactFormatError,
    );
  });

  it.each<['subunit' | 'subunit-stats' | 'subunit-details', string, RegExp]>([
    ['subunit', '{"count": 1}', /not a StackViz test list/],
    ['subunit', '[{"name": "a"}]', /not a StackViz test list/],
    ['subunit-stats', '[]', /not StackViz test stats/],
    ['subunit-details', '{"a": {"traceback": "cut', /not StackViz test details: expected one JSON object/],
    ['subunit-details', '', /the file is empty/],
    ['subunit', '<html>404</html>', /x\.json is not JSON/],
  ])('rejects a %s file holding %j', async (type, text, message) => {
    await expect(importedArtifact(type, chunked(Buffer.from(text), 5), 'x.json')).rejects.toThrow(message);
  });
});
