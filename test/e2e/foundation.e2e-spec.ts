import { BootedApp, bootApp, postJson } from './harness';
import { BACKEND } from './backend';

describe(`foundation (${BACKEND})`, () => {
  let s: BootedApp;
  beforeAll(async () => {
    s = await bootApp({ ARTIFACT_HOSTS: 'logs.example.test' });
  });
  afterAll(() => s.close());

  it('GET /health answers 200 naming its database and queue', async () => {
    const res = await fetch(`${s.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      database: BACKEND,
      queue: BACKEND === 'mysql' ? 'redis' : 'in-process',
      role: 'all',
    });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a sane X-Request-Id from a proxy', async () => {
    const res = await fetch(`${s.baseUrl}/health`, { headers: { 'x-request-id': 'nginx-abc123' } });
    expect(res.headers.get('x-request-id')).toBe('nginx-abc123');
  });

  it('serves Swagger UI at /docs and an OpenAPI 3 document with every endpoint at /docs-json', async () => {
    const ui = await fetch(`${s.baseUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const doc = await (await fetch(`${s.baseUrl}/docs-json`)).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/scrape', '/status', '/task', '/blob/{id}', '/health']) expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.components.schemas.ScrapeRequestDto.required).toContain('url');
  });

  it('answers bad input with a 4xx JSON error whose message is one string', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['/scrape', {}, 400, /^url is required: an http\(s\) URL of a job log directory$/],
      ['/scrape', { url: 'ftp://logs.example.test/x/' }, 400, /url must be an http\(s\) URL/],
      ['/scrape', { url: 'https://evil.example.com/x/' }, 400, /evil\.example\.com is not a log server.*ARTIFACT_HOSTS/],
      ['/scrape', { url: 'http://logs.example.test/x/', change_id: 'abc', revision: 'x' }, 400, /change_id.*; .*revision/],
      ['/status', { q: 'nope' }, 400, /q must be a task uuid/],
      ['/status', {}, 400, /^q is required: a task uuid/],
      ['/task', { q: 12 }, 400, /q must be a string: a task uuid/],
      ['/status', { q: '00000000-0000-4000-8000-000000000000' }, 404, /no task/],
      ['/task', { q: '00000000-0000-4000-8000-000000000000' }, 404, /no task/],
      ['/status', '{"q": ', 400, /JSON/i],
    ];
    for (const [path, body, status, message] of cases) {
      const res = await postJson(s.baseUrl, path, body);
      expect({ path, body, status: res.status }).toEqual({ path, body, status });
      expect(typeof res.body.message).toBe('string');
      expect(res.body.message).toMatch(message);
      expect(res.body.statusCode).toBe(status);
      expect(typeof res.body.error).toBe('string');
    }
  });

  it('rejects a body over 64 KiB with 413', async () => {
    const res = await postJson(s.baseUrl, '/scrape', { url: 'http://logs.example.test/x/', change_subject: 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.statusCode).toBe(413);
  });

  it('GET /blob answers 400 for a non-uuid and 404 for an unknown one, as JSON', async () => {
    const bad = await fetch(`${s.baseUrl}/blob/not-a-uuid`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/uuid/);
    const unknown = await fetch(`${s.baseUrl}/blob/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
  });

  it('unknown routes are JSON 404s', async () => {
    const res = await fetch(`${s.baseUrl}/nope/nothing`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect((await res.json()).statusCode).toBe(404);
  });
});

(BACKEND === 'mysql' ? describe : describe.skip)('with Redis down', () => {
  let s: BootedApp;
  beforeAll(async () => {
    s = await bootApp({ ARTIFACT_HOSTS: 'logs.example.test', REDIS_URL: 'redis://127.0.0.1:1/0' }, { role: 'api' });
  });
  afterAll(() => s.close());

  it('answers /scrape with 503 within a second and leaves no task behind', async () => {
    const started = Date.now();
    const res = await postJson(s.baseUrl, '/scrape', { url: 'http://logs.example.test/a/b/' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/job queue \(Redis\) is unavailable.*nothing was queued/);
    expect(await s.dataSource.query('SELECT id FROM tasks')).toEqual([]);
  });

  it('answers /health with 503 naming Redis, within a probe timeout of 1 s', async () => {
    const started = Date.now();
    const res = await fetch(`${s.baseUrl}/health`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(503);
    expect((await res.json()).message).toMatch(/down: redis/);
  });
});
