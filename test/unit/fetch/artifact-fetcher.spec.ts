import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { gzipSync } from 'node:zlib';
import { HostList } from '../../../src/config/host-list';
import { ArtifactFetcher, FetchError } from '../../../src/fetch';
import { streamGzipBomb } from '../../fake-upstream/fake-logs';
import { LocalServer, startLocalServer } from '../scrape/local-server';

const PLAIN = 'line one\nline two\n'.repeat(100);
const MiB = 1024 * 1024;

describe('ArtifactFetcher', () => {
  let server: LocalServer;
  let hostile: LocalServer;
  let flakyHits = 0;

  beforeAll(async () => {
    // A second loopback address: a host name of its own, outside any list that names 127.0.0.1.
    hostile = await startLocalServer({ '/stolen': (_req, res) => res.end('you should not be here') }, '127.0.0.2');
    server = await startLocalServer({
      '/plain.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(PLAIN),
      '/encoded.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(gzipSync(PLAIN)),
      '/sized-encoded.txt': (_req, res) =>
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': gzipSync(PLAIN).length }).end(gzipSync(PLAIN)),
      '/raw.txt.gz': (_req, res) => res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(gzipSync(PLAIN)),
      '/octet.gz': (_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(gzipSync(PLAIN)),
      // A .gz object whose HTTP layer is gzip too: decoded once, it is the .gz file's own bytes.
      '/double.gz': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-encoding': 'gzip' }).end(gzipSync(gzipSync(PLAIN))),
      '/brotli': (_req, res) => res.writeHead(200, { 'content-encoding': 'br' }).end('not really brotli'),
      '/empty': (_req, res) => res.writeHead(200).end(),
      '/one-byte': (_req, res) => res.writeHead(200).end(Buffer.from([0x1f])),
      '/bad.gz': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9])),
      '/bomb.gz': (_req, res) => streamGzipBomb(res, 2048 * MiB, { 'content-type': 'application/x-gzip' }),
      '/bomb-encoded': (_req, res) =>
        streamGzipBomb(res, 2048 * MiB, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' }),
      '/big-plain': (_req, res) => res.writeHead(200, { 'content-length': String(10 * MiB) }).end(Buffer.alloc(10 * MiB)),
      '/redirect/allowed': (_req, res) => res.writeHead(302, { location: '/redirect/hop2' }).end(),
      '/redirect/hop2': (_req, res) => res.writeHead(301, { location: `${server.url}/plain.txt` }).end(),
      '/redirect/hostile': (_req, res) => res.writeHead(302, { location: `${hostile.url}/stolen` }).end(),
      '/redirect/via-allowed-to-hostile': (_req, res) => res.writeHead(307, { location: '/redirect/hostile' }).end(),
      '/redirect/ftp': (_req, res) => res.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end(),
      '/redirect/loop': (_req, res) => res.writeHead(302, { location: '/redirect/loop' }).end(),
      '/redirect/to-wildcard-name': (_req, res) =>
        res.writeHead(302, { location: `http://evil.rackcdn.test:${server.url.split(':')[2]}/plain.txt` }).end(),
      '/gone': (_req, res) => res.writeHead(410).end(),
      '/forbidden': (_req, res) => res.writeHead(403).end(),
      '/unavailable': (_req, res) => res.writeHead(503).end(),
      '/no-head': (req, res) => res.writeHead(req.method === 'HEAD' ? 405 : 200).end(),
      '/flaky': (_req, res) => res.writeHead(flakyHits++ === 0 ? 503 : 200).end('ok'),
      '/hang': () => undefined,
      '/stall': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first bytes, then silence');
      },
      // A byte every 50 ms: never silent long enough for the idle timeout.
      '/slowloris': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('x'), 50);
        res.on('close', () => clearInterval(timer));
      },
      '/reset-mid-body': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': PLAIN.length });
        res.write(PLAIN.slice(0, 100), () => req.socket.resetAndDestroy());
      },
      '/dies-mid-body': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write(PLAIN.slice(0, 100), () => req.socket.destroy());
      },
    });
  });

  afterAll(async () => {
    await server.close();
    await hostile.close();
  });

  const fetcher = (over: Partial<ConstructorParameters<typeof ArtifactFetcher>[0]> = {}) =>
    new ArtifactFetcher({ allowedHosts: new HostList([server.host]), timeoutMs: 5000, maxBytes: 64 * MiB, ...over });

  async function readAll(url: string, f = fetcher()): Promise<Buffer> {
    const { body } = await f.open(url);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  async function readStream(body: NodeJS.ReadableStream): Promise<void> {
    for await (const _chunk of body) {
      /* drain */
    }
  }

  async function failure(promise: Promise<unknown>): Promise<FetchError> {
    const err = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }

  it('streams a plain body and identifies itself', async () => {
    expect((await readAll(`${server.url}/plain.txt`)).toString()).toBe(PLAIN);
    const sent = server.requests.find((r) => r.path === '/plain.txt')!;
    expect(sent.headers['user-agent']).toBe('stackviz-deployer');
    expect(sent.headers['accept-encoding']).toBe('gzip');
  });

  describe('gzip', () => {
    it('decodes Content-Encoding: gzip', async () => {
      expect((await readAll(`${server.url}/encoded.txt`)).toString()).toBe(PLAIN);
    });

    it("passes on the download's Content-Length (the compressed bytes), when the server sent one", async () => {
      const sized = await fetcher().open(`${server.url}/sized-encoded.txt`);
      expect(sized.downloadBytes).toBe(gzipSync(PLAIN).length);
      await readStream(sized.body);
      const unsized = await fetcher().open(`${server.url}/encoded.txt`);
      expect(unsized.downloadBytes).toBeUndefined();
      await readStream(unsized.body);
    });

    it.each(['/raw.txt.gz', '/octet.gz'])('decodes a gzip body by its magic bytes (%s)', async (path) => {
      expect((await readAll(server.url + path)).toString()).toBe(PLAIN);
    });

    it('decodes exactly once: Content-Encoding over a .gz gives the .gz bytes back', async () => {
      const once = await readAll(`${server.url}/double.gz`);
      expect(once.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(once).toEqual(gzipSync(PLAIN));
    });

    it('handles bodies shorter than the magic number', async () => {
      expect(await readAll(`${server.url}/empty`)).toEqual(Buffer.alloc(0));
      expect(await readAll(`${server.url}/one-byte`)).toEqual(Buffer.from([0x1f]));
    });

    it('refuses content encodings it did not ask for', async () => {
      const err = await failure(readAll(`${server.url}/brotli`));
      expect(err.kind).toBe('permanent');
      expect(err.message).toMatch(/Content-Encoding br/);
    });

    it('reports a broken gzip stream as permanent', async () => {
      const err = await failure(readAll(`${server.url}/bad.gz`));
      expect(err.kind).toBe('permanent');
      expect(err.message).toMatch(/bad\.gz is not a valid gzip stream/);
    });
  });

  describe('MAX_ARTIFACT_BYTES', () => {
    it.each(['/bomb.gz', '/bomb-encoded'])(
      'stops a 2 GiB gzip bomb (%s) at the cap on decompressed bytes, in little memory',
      async (path) => {
        const cap = 256 * MiB;
        const rssBefore = process.memoryUsage().rss;
        let peakRss = rssBefore;
        let streamed = 0;
        const { body } = await fetcher({ maxBytes: cap }).open(server.url + path);
        const err = await failure(
          (async () => {
            for await (const chunk of body) {
              streamed += chunk.length;
              peakRss = Math.max(peakRss, process.memoryUsage().rss);
            }
          })(),
        );
        expect(err.kind).toBe('too-large');
        expect(err.message).toBe(`${path.slice(1)} is larger than MAX_ARTIFACT_BYTES (${cap} bytes)`);
        expect(streamed).toBeLessThanOrEqual(cap);
        expect(streamed).toBeGreaterThan(cap - MiB);
        expect(peakRss - rssBefore).toBeLessThan(64 * MiB);
      },
      60_000,
    );

    it('refuses a plain body whose Content-Length is over the cap without reading it', async () => {
      const err = await failure(fetcher({ maxBytes: MiB }).open(`${server.url}/big-plain`));
      expect(err.kind).toBe('too-large');
      expect(err.message).toBe(`big-plain is larger than MAX_ARTIFACT_BYTES (${MiB} bytes)`);
    });

    it('caps text() too, with its own smaller limit', async () => {
      const err = await failure(fetcher().text(`${server.url}/encoded.txt`, { bytes: 100, name: 'the listing limit' }));
      expect(err.kind).toBe('too-large');
      expect(err.message).toBe('encoded.txt is larger than the listing limit (100 bytes)');
      expect((await fetcher().text(`${server.url}/encoded.txt`)).text).toBe(PLAIN);
    });
  });

  describe('redirects and ARTIFACT_HOSTS', () => {
    it('follows redirects between allowed hosts and reports the final URL', async () => {
      const { text, finalUrl, contentType } = await fetcher().text(`${server.url}/redirect/allowed`);
      expect(text).toBe(PLAIN);
      expect(finalUrl).toBe(`${server.url}/plain.txt`);
      expect(contentType).toBe('text/plain');
    });

    it.each(['/redirect/hostile', '/redirect/via-allowed-to-hostile'])(
      'never contacts a host outside the list that a redirect points to (%s)',
      async (path) => {
        const err = await failure(fetcher().open(server.url + path));
        expect(err.kind).toBe('forbidden-host');
        expect(err.message).toContain(`host ${hostile.host} is not in ARTIFACT_HOSTS`);
        expect(hostile.requests).toHaveLength(0);
      },
    );

    it('checks the first URL before connecting', async () => {
      const err = await failure(fetcher().open(`${hostile.url}/stolen`));
      expect(err.kind).toBe('forbidden-host');
      expect(await failure(fetcher().exists(`${hostile.url}/stolen`))).toMatchObject({ kind: 'forbidden-host' });
      expect(hostile.requests).toHaveLength(0);
    });

    it('refuses schemes other than http and https', async () => {
      const err = await failure(fetcher().open(`${server.url}/redirect/ftp`));
      expect(err.kind).toBe('permanent');
      expect(err.message).toMatch(/only http and https/);
    });

    it('gives up after maxRedirects hops', async () => {
      const before = server.requests.length;
      const err = await failure(fetcher({ maxRedirects: 3 }).open(`${server.url}/redirect/loop`));
      expect(err.kind).toBe('permanent');
      expect(err.message).toMatch(/redirected more than 3 times/);
      expect(server.requests.length - before).toBe(4);
    });
  });

  describe('status codes and network errors', () => {
    it.each([
      ['/missing', 'not-found', 404],
      ['/gone', 'not-found', 410],
      ['/forbidden', 'permanent', 403],
      ['/unavailable', 'transient', 503],
    ])('%s → %s', async (path, kind, status) => {
      const err = await failure(fetcher().open(server.url + path));
      expect(err).toMatchObject({ kind, status });
      expect(err.retryable).toBe(kind === 'transient');
    });

    it('reports a refused connection as transient', async () => {
      const closed = await startLocalServer({});
      await closed.close();
      const err = await failure(fetcher({ allowedHosts: new HostList([closed.host]) }).open(`${closed.url}/x`));
      expect(err.kind).toBe('transient');
      expect(err.retryable).toBe(true);
    });

    it.each(['/reset-mid-body', '/dies-mid-body'])(
      'reports a body cut off mid-way (%s) as transient, saying after how many bytes',
      async (path) => {
        const { body } = await fetcher().open(server.url + path);
        const err = await failure(readStream(body));
        expect(err.kind).toBe('transient');
        expect(err.message).toMatch(new RegExp(`^the download broke off after 100 bytes \\(fetching ${server.url}${path} failed: `));
      },
    );

    it('gets through a 503-once endpoint on the second try', async () => {
      expect((await failure(fetcher().open(`${server.url}/flaky`))).kind).toBe('transient');
      expect((await fetcher().text(`${server.url}/flaky`)).text).toBe('ok');
    });
  });

  describe('timeouts', () => {
    it('times out a server that never answers', async () => {
      const started = Date.now();
      const err = await failure(fetcher({ timeoutMs: 300 }).open(`${server.url}/hang`));
      expect(err.kind).toBe('timeout');
      expect(err.message).toMatch(/FETCH_TIMEOUT_MS is 300 ms/);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('times out a body that stalls mid-stream', async () => {
      const { body } = await fetcher({ timeoutMs: 300 }).open(`${server.url}/stall`);
      const chunks: Buffer[] = [];
      const err = await failure(
        (async () => {
          for await (const chunk of body) chunks.push(chunk);
        })(),
      );
      expect(err.kind).toBe('timeout');
      expect(Buffer.concat(chunks).toString()).toBe('first bytes, then silence');
    });

    it('stops a body that keeps trickling at ARTIFACT_TIMEOUT_MS, naming the limit and how to raise it', async () => {
      const started = Date.now();
      const { body } = await fetcher({ timeoutMs: 300, totalTimeoutMs: 1000 }).open(`${server.url}/slowloris`);
      const err = await failure(readStream(body));
      expect(err.kind).toBe('too-slow');
      expect(err.retryable).toBe(false);
      expect(err.message).toMatch(
        /^slowloris was still downloading after ARTIFACT_TIMEOUT_MS \(1000 ms; \d+ bytes so far\): the log server is sending too slowly; raise ARTIFACT_TIMEOUT_MS to allow more time$/,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });

  describe('abort signal', () => {
    it('stops a download in flight with kind aborted, and refuses to start once aborted', async () => {
      const stop = new AbortController();
      const base = fetcher();
      const f = base.withSignal(stop.signal);
      const { body } = await f.open(`${server.url}/slowloris`);
      setTimeout(() => stop.abort('the worker is shutting down'), 200);
      const err = await failure(readStream(body));
      expect(err).toMatchObject({ kind: 'aborted', message: expect.stringMatching(/the worker is shutting down$/) });
      expect(await failure(f.open(`${server.url}/plain.txt`))).toMatchObject({ kind: 'aborted' });
      expect((await readAll(`${server.url}/plain.txt`, base)).toString()).toBe(PLAIN); // the fetcher it came from is unaffected
    });
  });

  describe('exists()', () => {
    it('is true for 2xx and false for 404/410', async () => {
      expect(await fetcher().exists(`${server.url}/plain.txt`)).toBe(true);
      expect(await fetcher().exists(`${server.url}/redirect/allowed`)).toBe(true);
      expect(await fetcher().exists(`${server.url}/missing`)).toBe(false);
      expect(await fetcher().exists(`${server.url}/gone`)).toBe(false);
      expect(server.requests.filter((r) => r.path === '/missing').map((r) => r.method)).toContain('HEAD');
    });

    it('falls back to GET where HEAD is refused', async () => {
      expect(await fetcher().exists(`${server.url}/no-head`)).toBe(true);
      expect(server.requests.filter((r) => r.path === '/no-head').map((r) => r.method)).toEqual(['HEAD', 'GET']);
    });

    it('throws on server errors rather than guessing', async () => {
      expect(await failure(fetcher().exists(`${server.url}/unavailable`))).toMatchObject({ kind: 'transient' });
    });
  });
  describe('hosts allowed only through a *.domain entry (SSRF, DNS rebinding)', () => {
    /** A fake DNS: each name's answers in turn (the last one repeats); records every question. */
    function fakeDns(answers: Record<string, string[][]>): LookupFunction & { asked: string[] } {
      const asked: string[] = [];
      const lookup = ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
        asked.push(hostname);
        const turns = answers[hostname];
        if (!turns) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
        const addresses: LookupAddress[] = turns[Math.min(asked.filter((h) => h === hostname).length, turns.length) - 1].map((address) => ({
          address,
          family: address.includes(':') ? 6 : 4,
        }));
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      }) as LookupFunction & { asked: string[] };
      lookup.asked = asked;
      return lookup;
    }
    const port = () => server.url.split(':')[2];
    const wildcardFetcher = (lookup: LookupFunction, extra: string[] = []) =>
      fetcher({ allowedHosts: new HostList(['*.rackcdn.test', ...extra]), lookup, timeoutMs: 1000 });

    it.each([
      ['127.0.0.1', 'loopback'],
      ['10.0.0.5', 'private'],
      ['::ffff:127.0.0.1', 'IPv4-mapped'],
      ['::1', 'loopback'],
      ['169.254.169.254', 'link-local'],
      ['fe80::1', 'link-local'],
      ['172.16.3.4', 'private'],
      ['192.168.1.10', 'private'],
      ['fd12:3456::1', 'private (unique local)'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
    ])('refuses a wildcard-allowed name that resolves to %s (%s) before connecting', async (address, kind) => {
      const before = server.requests.length;
      const dns = fakeDns({ 'logs.rackcdn.test': [[address]] });
      const err = await failure(wildcardFetcher(dns).open(`http://logs.rackcdn.test:${port()}/plain.txt`));
      expect(err.kind).toBe('forbidden-host');
      expect(err.message).toBe(
        `refusing to fetch http://logs.rackcdn.test:${port()}/plain.txt: host logs.rackcdn.test resolves to ${address} (${kind}); ` +
          'a host allowed by a *.domain entry of ARTIFACT_HOSTS may only reach public addresses',
      );
      expect(dns.asked).toEqual(['logs.rackcdn.test']);
      expect(server.requests.length).toBe(before);
    });

    it('refuses a name whose answers mix a public and a private address', async () => {
      const dns = fakeDns({ 'logs.rackcdn.test': [['192.0.2.10', '127.0.0.1']] });
      const err = await failure(wildcardFetcher(dns).exists(`http://logs.rackcdn.test:${port()}/plain.txt`));
      expect(err.kind).toBe('forbidden-host');
      expect(err.message).toContain('resolves to 127.0.0.1 (loopback)');
    });

    it('checks the address it connects to: a name that rebinds to loopback on the next lookup gets nothing', async () => {
      const before = server.requests.length;
      // First answer public (TEST-NET-1: unreachable here, so the connection fails on its own), then loopback.
      const dns = fakeDns({ 'rebind.rackcdn.test': [['192.0.2.10'], ['127.0.0.1']] });
      const f = wildcardFetcher(dns);
      const first = await failure(f.open(`http://rebind.rackcdn.test:${port()}/plain.txt`));
      expect(first.kind).not.toBe('forbidden-host');
      const second = await failure(f.open(`http://rebind.rackcdn.test:${port()}/plain.txt`));
      expect(second.kind).toBe('forbidden-host');
      expect(second.message).toContain('resolves to 127.0.0.1 (loopback)');
      // One lookup per connection, and it is the one the connection used: no separate check to fool.
      expect(dns.asked).toEqual(['rebind.rackcdn.test', 'rebind.rackcdn.test']);
      expect(server.requests.length).toBe(before);
    });

    it('re-checks every redirect hop: an exact host redirecting to a wildcard name that resolves to loopback', async () => {
      const dns = fakeDns({ 'evil.rackcdn.test': [['127.0.0.1']] });
      const err = await failure(wildcardFetcher(dns, [server.host]).open(`${server.url}/redirect/to-wildcard-name`));
      expect(err.kind).toBe('forbidden-host');
      expect(err.message).toContain('host evil.rackcdn.test resolves to 127.0.0.1 (loopback)');
      expect(server.requests.filter((r) => r.headers.host?.startsWith('evil.'))).toEqual([]);
    });

    it.each(['http://127.0.0.1', 'http://2130706433', 'http://0177.0.0.1', 'http://0x7f.0.0.1', 'http://[::ffff:127.0.0.1]'])(
      'never lets an address literal through a wildcard entry (%s)',
      async (origin) => {
        const err = await failure(
          fetcher({ allowedHosts: new HostList(['*.0.0.1', '*.rackcdn.test']) }).open(`${origin}:${port()}/plain.txt`),
        );
        expect(err.kind).toBe('forbidden-host');
        expect(err.message).toMatch(/is not in ARTIFACT_HOSTS/);
      },
    );

    it('lets an exact entry reach loopback, by address or by a name the DNS resolves there', async () => {
      expect(
        (await fetcher({ allowedHosts: new HostList([`127.0.0.1:${port()}`]) }).text(`http://2130706433:${port()}/plain.txt`)).text,
      ).toBe(PLAIN);
      const dns = fakeDns({ 'logs.internal.test': [['127.0.0.1']] });
      const exact = fetcher({ allowedHosts: new HostList([`logs.internal.test:${port()}`, '*.rackcdn.test']), lookup: dns });
      expect((await exact.text(`http://logs.internal.test:${port()}/plain.txt`)).text).toBe(PLAIN);
      expect(dns.asked).toEqual(['logs.internal.test']);
    });
  });
});
