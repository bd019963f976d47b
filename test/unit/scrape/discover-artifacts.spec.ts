import { HostList } from '../../../src/config/host-list';
import { discoverArtifacts, DiscoveredArtifact, DiscoveryResult } from '../../../src/scrape/discovery';
import { ArtifactFetcher, FetchError } from '../../../src/fetch';
import { FakeLogServer, LOG_PATHS, LogPathName, startFakeLogServer } from '../../fake-upstream/fake-logs';
import { Route, startLocalServer } from './local-server';

describe('discoverArtifacts against the fake log server', () => {
  let logs: FakeLogServer;
  let fetcher: ArtifactFetcher;

  beforeAll(async () => {
    logs = await startFakeLogServer({ bombBytes: 64 * 1024 * 1024 });
    fetcher = new ArtifactFetcher({ allowedHosts: new HostList([logs.host]), timeoutMs: 2000, maxBytes: 32 * 1024 * 1024 });
  });
  afterAll(() => logs.close());
  afterEach(() => expect(logs.hostileRequests).toEqual([]));

  /** role → path below the build's log URL */
  const found = (name: LogPathName, artifacts: DiscoveredArtifact[]) =>
    Object.fromEntries(artifacts.map((a) => [a.role, a.url.slice(logs.logUrl(name).length)]));

  async function firstBytes(url: string, n: number): Promise<Buffer> {
    const { body } = await fetcher.open(url);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return Buffer.concat(chunks).subarray(0, n);
  }

  /** The artifacts of a legacy tempest build, as its log server lays them out. */
  const legacyTempest = { subunit: 'logs/testrepository.subunit.gz', dstat: 'logs/dstat-csv_log.txt.gz', console: 'console.html.gz' };

  it.each<[string, LogPathName, DiscoveryResult['method'], Record<string, string>]>([
    ['legacy build: walks the Apache autoindex of the root and logs/', 'legacyTempest', 'autoindex', legacyTempest],
    [
      'legacy build served with Content-Encoding: gzip: old dstat name, an existing StackViz site',
      'legacyTempestEncoded',
      'autoindex',
      { ...legacyTempest, dstat: 'logs/dstat-csv.txt.gz', stackviz: 'logs/stackviz/data/config.json.gz' },
    ],
    [
      'legacy unit-test job: the subunit stream at the root',
      'legacyUnit',
      'autoindex',
      { subunit: 'testrepository.subunit.gz', console: 'console.html.gz' },
    ],
    [
      'modern build: plain names decoded from Content-Encoding',
      'modern',
      'manifest',
      {
        subunit: 'testrepository.subunit',
        dstat: 'controller/logs/dstat-csv_log.txt',
        console: 'job-output.txt',
        stackviz: 'controller/logs/stackviz/data/config.json',
      },
    ],
    [
      "modern tempest build: what today's jobs upload",
      'modernTempest',
      'manifest',
      {
        subunit: 'testrepository.subunit',
        console: 'job-output.txt',
        performance: 'controller/logs/performance.json',
        'memory-tracker': 'controller/logs/screen-memory_tracker.txt',
      },
    ],
    ['modern build with a JUnit report only', 'junitOnly', 'manifest', { junit: 'test-results.xml', console: 'job-output.txt' }],
    [
      'modern build with a StackViz site only',
      'stackvizOnly',
      'manifest',
      { console: 'job-output.txt', stackviz: 'controller/logs/stackviz/data/config.json' },
    ],
    [
      'Swift build without a manifest: walks index.html listings (folder URLs 404, links to name/index.html)',
      'modernIndexOnly',
      'swift-index',
      { subunit: 'testrepository.subunit', dstat: 'controller/logs/dstat-csv_log.txt', console: 'job-output.txt' },
    ],
    ['console-only build', 'consoleOnly', 'manifest', { console: 'job-output.txt' }],
    ['a build without listings is found by probing the well-known paths', 'unlisted', 'probe', legacyTempest],
    ['follows redirects within the allowed hosts', 'movedBuild', 'autoindex', legacyTempest],
  ])('%s', async (_title, name, method, expected) => {
    const result = await discoverArtifacts(fetcher, logs.logUrl(name));
    expect({ method: result.method, found: found(name, result.artifacts) }).toEqual({ method, found: expected });
  });

  it.each<[string, LogPathName, number, string]>([
    ['a legacy .gz served as application/x-gzip', 'legacyTempest', 0, '\xb3'],
    ['a legacy dstat CSV', 'legacyTempest', 1, '"Dstat 0.8.0 '],
    ['a legacy console.html', 'legacyTempest', 2, '<html>'],
    ['a legacy .gz served with Content-Encoding: gzip', 'legacyTempestEncoded', 0, '\xb3'],
    ['a modern subunit stream', 'modern', 0, '\xb3'],
    ['a modern job-output.txt', 'modern', 2, '2024-02-13 22:01:02.123456'],
    ['a subunit stream after a redirect', 'movedBuild', 0, '\xb3'],
  ])('the URL found for %s serves its bytes, decoded', async (_title, name, index, start) => {
    const { artifacts } = await discoverArtifacts(fetcher, logs.logUrl(name));
    expect(await firstBytes(artifacts[index].url, start.length)).toEqual(Buffer.from(start, 'latin1'));
  });

  it('lists a legacy build in the order subunit, dstat, console, with the names undecorated', async () => {
    const { artifacts } = await discoverArtifacts(fetcher, logs.logUrl('legacyTempest'));
    expect(artifacts.map((a) => [a.role, a.name])).toEqual([
      ['subunit', 'testrepository.subunit'],
      ['dstat', 'dstat-csv_log.txt'],
      ['console', 'console.html'],
    ]);
  });

  it('reads zuul-manifest.json only, no listings, where a build has one', async () => {
    const before = logs.requests.length;
    await discoverArtifacts(fetcher, logs.logUrl('modern'));
    expect(logs.requests.slice(before).map((r) => r.path)).toEqual([LOG_PATHS.modern + 'zuul-manifest.json']);
  });

  it('a build with nothing useful gives an empty list, not an error', async () => {
    expect(await discoverArtifacts(fetcher, logs.logUrl('nothingUseful'))).toEqual({ method: 'autoindex', artifacts: [], warnings: [] });
  });

  it('expired logs: a clear not-found that tells the user why', async () => {
    const err = await discoverArtifacts(fetcher, logs.logUrl('expired')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err).toMatchObject({ kind: 'not-found', status: 404 });
    expect((err as Error).message).toBe(
      `the logs at ${logs.logUrl('expired')} are gone (404): OpenDev expires build logs after some weeks, so this build can no longer be scraped`,
    );
  });

  it('falls back to the listing when zuul-manifest.json is not a manifest (a CDN error page)', async () => {
    const html =
      (body: string): Route =>
      (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end(body);
    const cdn = await startLocalServer({
      '/build/zuul-manifest.json': html('<html><body>Oops, something went wrong</body></html>'),
      '/build/': html(
        '<table><tr><td><img src="/icons/unknown.gif" alt="[   ]"></td><td><a href="job-output.txt">job-output.txt</a></td></tr></table>',
      ),
    });
    try {
      const cdnFetcher = new ArtifactFetcher({ allowedHosts: new HostList([cdn.host]), timeoutMs: 2000, maxBytes: 1024 * 1024 });
      expect(await discoverArtifacts(cdnFetcher, `${cdn.url}/build/`)).toEqual({
        method: 'autoindex',
        artifacts: [{ role: 'console', url: `${cdn.url}/build/job-output.txt`, name: 'job-output.txt' }],
        warnings: [],
      });
    } finally {
      await cdn.close();
    }
  });

  it('refuses a log tree that redirects to a host outside ARTIFACT_HOSTS, without contacting it', async () => {
    const err = await discoverArtifacts(fetcher, logs.logUrl('hostileBuild')).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'forbidden-host' });
    expect((err as Error).message).toContain('is not in ARTIFACT_HOSTS');
  });

  it('finds the subunit of the hostile, bomb, corrupt, flaky and slow builds (their trouble comes on fetching)', async () => {
    for (const name of ['hostileSubunit', 'gzipBomb', 'corruptSubunit', 'flakySubunit', 'slowSubunit'] as const) {
      const result = await discoverArtifacts(fetcher, logs.logUrl(name));
      expect(found(name, result.artifacts)).toEqual({ subunit: 'testrepository.subunit', console: 'job-output.txt' });
    }
    const subunitOf = async (name: LogPathName) => (await discoverArtifacts(fetcher, logs.logUrl(name))).artifacts[0].url;
    await expect(fetcher.open(await subunitOf('hostileSubunit'))).rejects.toMatchObject({ kind: 'forbidden-host' });
    await expect(fetcher.open(await subunitOf('slowSubunit'))).rejects.toMatchObject({ kind: 'timeout' });
    await expect(fetcher.open(await subunitOf('flakySubunit'))).rejects.toMatchObject({ kind: 'transient', status: 503 });
    expect((await firstBytes(await subunitOf('flakySubunit'), 1))[0]).toBe(0xb3);
    const bomb = firstBytes(await subunitOf('gzipBomb'), 1);
    await expect(bomb).rejects.toMatchObject({ kind: 'too-large' });
  }, 20_000);
  describe('manifests and listings over their limits, and names that try to leave the build', () => {
    const json =
      (body: string | Buffer): Route =>
      (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    const swiftIndex =
      (names: string[]): Route =>
      (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end(names.map((n) => `<img alt="[ ]"><a href="${n}">${n}</a>`).join('\n'));
    const consoleFile = { role: 'console', name: 'job-output.txt' };

    async function discoverOn(
      routes: Record<string, Route>,
    ): Promise<{ result: Awaited<ReturnType<typeof discoverArtifacts>>; base: string; paths: string[] }> {
      const cdn = await startLocalServer(routes);
      try {
        const cdnFetcher = new ArtifactFetcher({ allowedHosts: new HostList([cdn.host]), timeoutMs: 5000, maxBytes: 256 * 1024 * 1024 });
        const result = await discoverArtifacts(cdnFetcher, `${cdn.url}/build/`);
        return { result, base: `${cdn.url}/build/`, paths: cdn.requests.map((r) => r.path) };
      } finally {
        await cdn.close();
      }
    }

    it('passes over a zuul-manifest.json with a million entries, with a warning, and uses the listing', async () => {
      const manifest = `{"tree":[${Array.from({ length: 1_000_000 }, (_, i) => `{"name":"${i % 10}"}`).join(',')}]}`;
      expect(manifest.length).toBeLessThan(16 * 1024 * 1024); // within the byte limit: the entry count stops it
      const { result, base } = await discoverOn({ '/build/zuul-manifest.json': json(manifest), '/build/': swiftIndex(['job-output.txt']) });
      expect(result.method).toBe('swift-index');
      expect(result.artifacts).toEqual([{ ...consoleFile, url: base + 'job-output.txt' }]);
      expect(result.warnings).toEqual(['zuul-manifest.json lists more than 200000 entries; not used']);
    }, 20_000);

    it('stops reading a 50 MiB zuul-manifest.json at 16 MiB, with a warning', async () => {
      let sent = 0;
      const huge: Route = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.from(`{"name":"${'x'.repeat(1000)}"},`);
        res.write('{"tree":[');
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end('{"name":"end"}]}');
        };
        res.on('close', () => (sent = Infinity));
        pump();
      };
      const { result, base } = await discoverOn({ '/build/zuul-manifest.json': huge, '/build/': swiftIndex(['job-output.txt']) });
      expect(result.artifacts).toEqual([{ ...consoleFile, url: base + 'job-output.txt' }]);
      expect(result.warnings).toEqual(['zuul-manifest.json is larger than the limit for a manifest or listing (16777216 bytes); not used']);
    }, 20_000);

    it('keeps manifest names that climb out, are absolute or are URLs from leaving the build folder', async () => {
      const file = (name: string) => ({ name, mimetype: 'text/plain' });
      const manifest = JSON.stringify({
        tree: [
          file('../testrepository.subunit'),
          file('../../other-build/job-output.txt'),
          file('/etc/testrepository.subunit'),
          file('https://evil.example.org/testrepository.subunit'),
          file('..'),
          { name: '..', mimetype: 'application/directory', children: [file('job-output.txt')] },
          { name: 'logs', mimetype: 'application/directory', children: [file('../../testrepository.subunit'), file('dstat-csv_log.txt')] },
          file('job-output.txt'),
        ],
      });
      const { result, base } = await discoverOn({ '/build/zuul-manifest.json': json(manifest) });
      expect(result.method).toBe('manifest');
      expect(result.artifacts).toEqual([
        { role: 'dstat', url: base + 'logs/dstat-csv_log.txt', name: 'dstat-csv_log.txt' },
        { ...consoleFile, url: base + 'job-output.txt' },
      ]);
    });

    it('passes over listings that show more files than a manifest may list', async () => {
      const names = Array.from({ length: 200_001 }, (_, i) => `f${i}.txt`);
      const { result, paths } = await discoverOn({ '/build/': swiftIndex(names) });
      expect(result.method).toBe('probe');
      expect(result.warnings).toEqual([
        expect.stringMatching(/^the listings under http:\/\/127\.0\.0\.1:\d+\/build\/ show more than 200000 files; not used$/),
      ]);
      expect(paths).toContain('/build/job-output.txt');
    }, 20_000);
  });
});
