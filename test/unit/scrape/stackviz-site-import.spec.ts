import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { HostList } from '../../../src/config/host-list';
import { ArtifactFetcher, FetchError } from '../../../src/fetch';
import { importStackVizSite } from '../../../src/scrape/stackviz-site-import';
import { LocalServer, Route, startLocalServer } from './local-server';

const DATA = join(__dirname, '../../fixtures/stackviz-site/data');
const file = (name: string) => readFileSync(join(DATA, name));
/** As OpenDev's Swift serves JSON and text: gzip on the wire, Content-Encoding: gzip. */
const encoded =
  (body: Buffer): Route =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(body));

describe('importStackVizSite', () => {
  let server: LocalServer;
  let fetcher: ArtifactFetcher;
  const base = '/logs/controller/logs/stackviz/data/';
  const routes: Record<string, Route> = {};

  beforeAll(async () => {
    for (const name of ['config.json', 'stdin-0-raw.json', 'stdin-0-details.json', 'stdin-0-stats.json', 'dstat.csv'])
      routes[base + name] = encoded(file(name));
    server = await startLocalServer(routes);
    fetcher = new ArtifactFetcher({ allowedHosts: new HostList([server.host]), timeoutMs: 2000, maxBytes: 8 * 1024 * 1024 });
  });
  afterAll(() => server.close());

  it('fetches every file the config lists, relative to it, under the names the site gave them', async () => {
    const site = await importStackVizSite(fetcher, `${server.url}${base}config.json`);
    expect(site.notes).toEqual([]);
    expect(site.artifacts.map((a) => [a.artifactType, a.artifactName, a.primary])).toEqual([
      ['dstat', 'dstat-0.8-tcmndrylpg.csv', false],
      ['subunit', 'stdin', true],
      ['subunit-details', 'stdin', false],
      ['subunit-stats', 'stdin', false],
    ]);
    expect(gunzipSync(site.artifacts[1].gzipped)).toEqual(file('stdin-0-raw.json'));
  });

  it('leaves out a file that is missing or broken, saying which and why', async () => {
    const config = JSON.parse(file('config.json').toString());
    config.datasets[0].artifacts.push({ path: 'gone-raw.json', artifact_name: 'gone', artifact_type: 'subunit' });
    routes['/other/config.json'] = encoded(Buffer.from(JSON.stringify(config)));
    routes['/other/stdin-0-raw.json'] = encoded(file('stdin-0-raw.json'));
    routes['/other/stdin-0-details.json'] = encoded(file('stdin-0-details.json').subarray(0, 500));
    routes['/other/stdin-0-stats.json'] = encoded(file('stdin-0-stats.json'));
    routes['/other/dstat.csv'] = encoded(file('dstat.csv'));
    const site = await importStackVizSite(fetcher, `${server.url}/other/config.json`);
    expect(site.artifacts.map((a) => a.artifactType)).toEqual(['dstat', 'subunit', 'subunit-stats']);
    expect(site.notes).toEqual([
      'StackViz site file stdin-0-details.json skipped: stdin-0-details.json is not StackViz test details: expected one JSON object',
      expect.stringMatching(/^StackViz site file gone-raw\.json skipped: .*404/),
    ]);
  });

  it('lets a retryable failure through, so the scrape is retried', async () => {
    routes['/busy/config.json'] = encoded(file('config.json'));
    routes['/busy/dstat.csv'] = (_req, res) => res.writeHead(503).end('busy');
    const err = await importStackVizSite(fetcher, `${server.url}/busy/config.json`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).retryable).toBe(true);
  });
});
