import dns from 'node:dns';
import { FakeLogServer, LOG_PATHS, startFakeLogServer } from '../fake-upstream/fake-logs';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson, waitForTask } from './harness';

/**
 * The worker's view of ARTIFACT_HOSTS end to end: a name allowed only through `*.rackcdn.test`
 * that resolves to loopback or a private address is refused before any byte is sent, while the
 * fake log server's exact `127.0.0.1:PORT` entry keeps working, however the address is spelled.
 * The app runs in this process, so a stub of dns.lookup is the DNS its worker asks.
 */
describe(`SSRF through wildcard log hosts (${BACKEND})`, () => {
  let logs: FakeLogServer;
  let s: BootedApp;
  const answers: Record<string, string> = {
    'logs.rackcdn.test': '127.0.0.1',
    'internal.rackcdn.test': '10.0.0.5',
    'mapped.rackcdn.test': '::ffff:127.0.0.1',
  };
  const realLookup = dns.lookup;

  beforeAll(async () => {
    jest.spyOn(dns, 'lookup').mockImplementation(((hostname: string, ...rest: unknown[]) => {
      const address = answers[hostname];
      const callback = rest[rest.length - 1] as (...args: unknown[]) => void;
      if (!address) return (realLookup as (...args: unknown[]) => void)(hostname, ...rest);
      const family = address.includes(':') ? 6 : 4;
      const all = (rest[0] as { all?: boolean } | undefined)?.all;
      process.nextTick(() => (all ? callback(null, [{ address, family }]) : callback(null, address, family)));
    }) as unknown as typeof dns.lookup);
    logs = await startFakeLogServer();
    s = await bootApp({ ARTIFACT_HOSTS: `${logs.host},*.rackcdn.test`, FETCH_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await s?.close();
    await logs?.close();
    jest.restoreAllMocks();
  });

  it.each([
    ['logs.rackcdn.test', '127.0.0.1 (loopback)'],
    ['internal.rackcdn.test', '10.0.0.5 (private)'],
    ['mapped.rackcdn.test', '::ffff:127.0.0.1 (IPv4-mapped)'],
  ])('a scrape of %s ends in error naming %s, and nothing reaches the address', async (host, resolved) => {
    const before = logs.requests.length;
    const url = `http://${host}:${new URL(logs.url).port}${LOG_PATHS.legacyUnit}`;
    const res = await postJson(s.baseUrl, '/scrape', { url });
    expect(res.status).toBe(202);
    const done = await waitForTask(s.baseUrl, res.body.uuid);
    expect(done.status).toBe('error');
    expect(done.message).toContain(
      `host ${host} resolves to ${resolved}; a host allowed by a *.domain entry of ARTIFACT_HOSTS may only reach public addresses`,
    );
    expect(logs.requests.length).toBe(before);
  });

  it('an exact loopback entry still works, spelled as a decimal address too', async () => {
    const res = await postJson(s.baseUrl, '/scrape', { url: `http://2130706433:${new URL(logs.url).port}${LOG_PATHS.legacyUnit}` });
    expect(res.status).toBe(202);
    expect((await waitForTask(s.baseUrl, res.body.uuid)).status).toBe('finished');
  });

  it('/scrape refuses an address literal that only a wildcard could have matched', async () => {
    const res = await postJson(s.baseUrl, '/scrape', { url: 'http://10.0.0.5/x/' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^10\.0\.0\.5 is not a log server this service fetches from/);
  });
});
