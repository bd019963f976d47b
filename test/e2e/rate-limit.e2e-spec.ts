import { RATE_LIMITED_ROUTES } from '../../src/http/rate-limit';
import { BACKEND, backendEnv } from './backend';
import { BootedApp, bootApp } from './harness';
import { freePort, ServiceProcess } from './service-process';

const UUID = '00000000-0000-4000-8000-000000000000';

/** A POST whose body is refused at once (400): the limit counts requests, whatever they ask. */
async function post(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
}

async function expectLimited(res: Response, perMinute: number): Promise<void> {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = await res.json();
  expect(Object.keys(body).sort()).toEqual(['error', 'message', 'statusCode']);
  expect(body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  expect(body.message).toBe(
    `too many requests: one client may make ${perMinute} a minute to /list, /scrape, /compare, /insight, /failures/rules; retry in ${retryAfter} s`,
  );
}

describe(`RATE_LIMIT_PER_MINUTE (${BACKEND})`, () => {
  describe('one budget per client across the limited endpoints', () => {
    let s: BootedApp;
    beforeAll(async () => {
      s = await bootApp({ RATE_LIMIT_PER_MINUTE: '4', ARTIFACT_HOSTS: 'logs.example.test' });
    });
    afterAll(() => s.close());

    it('lets 4 through, then answers 429 with Retry-After on every limited endpoint, and never limits reading', async () => {
      const allowed = [
        await post(s.baseUrl, '/list'),
        await post(s.baseUrl, '/scrape'),
        await post(s.baseUrl, '/list'),
        await post(s.baseUrl, '/scrape'),
      ];
      expect(allowed.map((r) => r.status)).toEqual([400, 400, 400, 400]);
      expect(allowed[3].headers.get('x-ratelimit-remaining')).toBe('0');
      // Every limited route the service has (its OpenAPI document): /list and /scrape at least.
      const doc = (await (await fetch(`${s.baseUrl}/docs-json`)).json()) as { paths: Record<string, unknown> };
      const served = RATE_LIMITED_ROUTES.filter((path) => path in doc.paths);
      expect(served).toEqual(expect.arrayContaining(['/list', '/scrape']));
      for (const path of served) await expectLimited(await post(s.baseUrl, path), 4);
      const reads = [
        ...Array.from({ length: 10 }, () =>
          fetch(`${s.baseUrl}/status`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ q: UUID }),
          }),
        ),
        ...Array.from({ length: 10 }, () =>
          fetch(`${s.baseUrl}/task`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ q: UUID }),
          }),
        ),
        ...Array.from({ length: 10 }, () => fetch(`${s.baseUrl}/blob/${UUID}`)),
        ...Array.from({ length: 10 }, () => fetch(`${s.baseUrl}/health`)),
        fetch(`${s.baseUrl}/insight/result`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ q: UUID }),
        }),
        fetch(`${s.baseUrl}/list`), // GET: not the limited route
      ];
      const statuses = (await Promise.all(reads)).map((r) => r.status);
      expect(statuses.filter((status) => status === 429)).toEqual([]);
    });
  });

  describe('behind a proxy', () => {
    let trusting: BootedApp;
    let hops: BootedApp;
    let direct: BootedApp;
    beforeAll(async () => {
      trusting = await bootApp({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true' });
      hops = await bootApp({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '2' });
      direct = await bootApp({ RATE_LIMIT_PER_MINUTE: '2' });
    });
    afterAll(async () => {
      await trusting.close();
      await hops.close();
      await direct.close();
    });

    it('with TRUST_PROXY, the first X-Forwarded-For hop is the client', async () => {
      const from = (ip: string) => ({ 'x-forwarded-for': `${ip}, 10.0.0.1` });
      expect((await post(trusting.baseUrl, '/list', from('203.0.113.7'))).status).toBe(400);
      expect((await post(trusting.baseUrl, '/scrape', from('203.0.113.7'))).status).toBe(400);
      await expectLimited(await post(trusting.baseUrl, '/list', from('203.0.113.7')), 2);
      // Another client behind the same proxies has a budget of its own.
      expect((await post(trusting.baseUrl, '/list', from('203.0.113.8'))).status).toBe(400);
    });

    it('with TRUST_PROXY a number of hops, the address that many hops out is the client, whatever it was sent', async () => {
      // the connection (hop 0) and 10.0.0.1 (hop 1) are the proxies; what the client put before them is not believed
      const from = (ip: string, madeUp = '198.51.100.9') => ({ 'x-forwarded-for': `${madeUp}, ${ip}, 10.0.0.1` });
      expect((await post(hops.baseUrl, '/list', from('203.0.113.7'))).status).toBe(400);
      expect((await post(hops.baseUrl, '/list', from('203.0.113.7', '198.51.100.10'))).status).toBe(400);
      await expectLimited(await post(hops.baseUrl, '/list', from('203.0.113.7', '198.51.100.11')), 2);
      expect((await post(hops.baseUrl, '/list', from('203.0.113.8'))).status).toBe(400);
    });

    it('without TRUST_PROXY, X-Forwarded-For is ignored: a client cannot make up a fresh budget', async () => {
      const statuses: number[] = [];
      for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
        statuses.push((await post(direct.baseUrl, '/scrape', { 'x-forwarded-for': ip })).status);
      }
      expect(statuses).toEqual([400, 400, 429]);
    });
  });

  it('RATE_LIMIT_PER_MINUTE=0 turns the limit off', async () => {
    const s = await bootApp({ RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const statuses = await Promise.all(Array.from({ length: 80 }, () => post(s.baseUrl, '/list').then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([400]));
    } finally {
      await s.close();
    }
  });
});

(BACKEND === 'mysql' ? describe : describe.skip)('with Redis down', () => {
  it('lets requests through rather than failing them: the limit must not take the service down', async () => {
    const s = await bootApp({ RATE_LIMIT_PER_MINUTE: '1', REDIS_URL: 'redis://127.0.0.1:1/0' }, { role: 'api' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(s.baseUrl, '/list')).status);
      expect(statuses).toEqual([400, 400, 400]);
    } finally {
      await s.close();
    }
  });
});

(BACKEND === 'mysql' ? describe : describe.skip)('two api processes on one Redis', () => {
  const apis: ServiceProcess[] = [];
  const urls: string[] = [];
  beforeAll(async () => {
    const env = { ...backendEnv(), RATE_LIMIT_PER_MINUTE: '5', HOST: '127.0.0.1' };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      apis.push(new ServiceProcess(['--role=api'], { ...env, PORT: String(port) }));
      urls.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(apis.map((p) => p.waitFor(/api role listening/)));
  });
  afterAll(() => Promise.all(apis.map((p) => p.stop())));

  it('share one count: 5 requests spread over both, then both answer 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(urls[i % 2], i % 2 ? '/scrape' : '/list')).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    await expectLimited(await post(urls[0], '/list'), 5);
    await expectLimited(await post(urls[1], '/scrape'), 5);
  });
});
