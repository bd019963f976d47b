import fc from 'fast-check';
import { RUN_FIELDS } from '../../src/api-shapes';

/**
 * fast-check arbitraries for what hostile or clumsy clients send: wrong types, huge and odd
 * strings, bad uuids, URLs that point where they should not, paths that do not decode, bodies
 * that are not JSON. `logsHost` is the one log server the app under test fetches from.
 */
export interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Every endpoint with a JSON body, and its fields. Routes other engineers add are here from the start. */
export const JSON_ENDPOINTS: Record<string, readonly string[]> = {
  '/list': ['q', 'history'],
  '/scrape': RUN_FIELDS,
  '/status': ['q'],
  '/task': ['q'],
  '/compare': ['base', 'head'],
  '/insight': ['q', 'builds'],
  '/insight/result': ['q'],
};

/** encodeURIComponent throws on a lone surrogate: such strings go into paths as U+FFFD. */
function encodePart(s: string): string {
  return encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1 });

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  loneSurrogates,
  fc.string().map((s) => `${s}\u0000${s}`),
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '\u0000',
    '\ufeff',
    'null',
    'undefined',
    'NaN',
    '[]',
    '{}',
    '../../../etc/passwd',
    "'; DROP TABLE tasks; --",
    '%00',
    '${jndi:ldap://x}',
  ),
  fc.constantFrom(3000, 20_000, 60_000).map((n) => 'é'.repeat(n / 2)),
  fc.constantFrom(2048, 2049, 5000).map((n) => 'x'.repeat(n)),
);

/** Uuids (often `known` ones, of things that exist), and things that look like them but are not. */
export function hostileUuid(known: readonly string[] = []): fc.Arbitrary<string> {
  const lookalikes = fc.oneof(
    fc.uuid(),
    fc.uuid().map((u) => u.toUpperCase()),
    fc.uuid().map((u) => ` ${u}\n`),
    fc.uuid().map((u) => u.replace(/-/g, '')),
    fc.uuid().map((u) => u.slice(0, -1) + 'g'),
    fc.uuid().map((u) => u + 'a'),
    fc.uuid().map((u) => `{${u}}`),
    fc.uuid().map((u) => `urn:uuid:${u}`),
    fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-4000-8000-000000000000'),
  );
  return known.length ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: lookalikes }) : lookalikes;
}

export function hostileUrl(logsHost: string): fc.Arbitrary<string> {
  const port = logsHost.split(':')[1];
  const pathPart = fc.array(
    fc.oneof(fc.webSegment(), hostileString.map(encodePart), fc.constantFrom('..', '.', '%2e%2e', '%ZZ', '%E0%A4%A', '%00')),
    { maxLength: 6 },
  );
  return fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    pathPart.map((p) => `http://${logsHost}/${p.join('/')}/`),
    fc.constantFrom(
      `http://user:secret@${logsHost}/26/271726/2/check/job/abc1234/`,
      `http://${logsHost}@evil.example.org/`,
      `http://evil.example.org\\@${logsHost}/`,
      `http://2130706433:${port}/x/`,
      `http://0177.0.0.1:${port}/x/`,
      `http://0x7f.0.0.1:${port}/x/`,
      `http://127.1:${port}/x/`,
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fe80::1%25eth0]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/',
      'http://localhost/',
      'http://logs.rackcdn.com.evil.example.org/',
      'https://x.rackcdn.com/x/',
      'ftp://logs.openstack.org/x/',
      'file:///etc/passwd',
      'gopher://127.0.0.1:6379/_INFO',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://',
      'http:///x',
      '//logs.openstack.org/x/',
      `http://${logsHost}/${'a/'.repeat(1500)}`,
      `http://${logsHost}/%ZZ/%E0%A4%A/`,
      `http://${logsHost}/\u0000/`,
      'https://review.opendev.org/c/openstack/nova/+/123456/3',
      'https://review.openstack.org/#/c/271726/2',
      'https://zuul.opendev.org/t/openstack/build/5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b',
      'http://logs.openstack.org/26/271726/2/check/gate-stackviz-python27/1b2c3d4/',
    ),
  );
}

/** Values of the wrong type for any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

function fieldValue(field: string, logsHost: string, tasks: readonly string[]): fc.Arbitrary<unknown> {
  const plausible =
    field === 'url'
      ? hostileUrl(logsHost)
      : ['q', 'base', 'head'].includes(field)
        ? fc.oneof(hostileUuid(tasks), fc.constantFrom('271726', '271726,2', '123456/3', '269624'), hostileUrl(logsHost), fc.integer())
        : ['history', 'voting'].includes(field)
          ? fc.oneof(fc.boolean(), fc.constantFrom('true', 1, 0))
          : ['builds', 'change_id', 'revision', 'duration'].includes(field)
            ? fc.oneof(fc.integer({ min: -10, max: 100 }), fc.constantFrom(2 ** 31, 51, 1e9, -0.5))
            : hostileString;
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType });
}

/**
 * A JSON object for `path` with any subset of its fields, plus strays (`__proto__`, unknown keys).
 * `tasks` are uuids of tasks that exist, so some requests get past validation.
 */
export function hostileJsonBody(path: string, logsHost: string, tasks: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const fields = JSON_ENDPOINTS[path];
  const model = Object.fromEntries(fields.map((f) => [f, fieldValue(f, logsHost, tasks)]));
  return fc
    .tuple(
      fc.record(model, { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'q\u0000'), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 2,
      }),
    )
    .map(([known, strays]) => ({ ...strays, ...known }));
}

const JSON_TYPE = 'application/json';

/** A POST of a JSON object to one of the JSON endpoints, sometimes with a different content type. */
export function jsonPost(logsHost: string, tasks: readonly string[]): fc.Arbitrary<HostileRequest> {
  return fc
    .constantFrom(...Object.keys(JSON_ENDPOINTS))
    .chain((path) =>
      fc.tuple(
        fc.constant(path),
        hostileJsonBody(path, logsHost, tasks),
        fc.constantFrom(JSON_TYPE, `${JSON_TYPE}; charset=utf-8`, JSON_TYPE.toUpperCase()),
      ),
    )
    .map(([path, body, type]) => ({ method: 'POST', path, headers: { 'content-type': type }, body: JSON.stringify(body) }));
}

/** Bodies that are not a JSON object, or not JSON, or not declared as JSON, or too big. */
export function rawPost(): fc.Arbitrary<HostileRequest> {
  const body = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
    fc.constantFrom(
      '',
      '{',
      '{"q": ',
      '{"q": "x",}',
      "{'q': 'x'}",
      'q=271726',
      '\ufeff{"q": "271726"}',
      '{"__proto__": {"admin": true}}',
      '{"constructor": {"prototype": {"x": 1}}}',
    ),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom(70 * 1024, 200 * 1024).map((n) => JSON.stringify({ q: 'x'.repeat(n) })),
  );
  const type = fc.constantFrom(
    JSON_TYPE,
    'application/json; charset=utf-16',
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'application/xml',
    'application/octet-stream',
    'application/vnd.api+json',
    '*/*',
    'nonsense',
    '',
  );
  return fc
    .tuple(fc.constantFrom(...Object.keys(JSON_ENDPOINTS)), body, type)
    .map(([path, b, t]): HostileRequest => ({ method: 'POST', path, headers: t ? { 'content-type': t } : {}, body: b }));
}

/** A path segment: plain, percent-encoded garbage, badly encoded, or long. */
const pathSegment = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.webSegment(),
    hostileString.map((s) => encodePart(s.slice(0, 3000))),
    fc.stringMatching(/^(%[0-9A-Fa-fZz]{0,2}|[A-Za-z0-9._~!$&'()*+,;=:@-]){1,40}$/),
    fc.constantFrom(
      '%ZZ',
      '%E0%A4%A',
      '%',
      '%%',
      '%C3%28',
      '%ED%A0%80',
      '%00',
      '..',
      '.',
      '%2e%2e',
      '%2F',
      'a'.repeat(200),
      'a'.repeat(20_000),
    ),
    hostileUuid(known).map(encodePart),
    hostileUrl('127.0.0.1:1').map(encodePart),
  );

/**
 * Requests by path: blobs, UI routes, health, unknown routes, and methods the routes do not take.
 * `known` are ids of blobs and tasks that exist.
 */
export function pathRequest(known: readonly string[]): fc.Arbitrary<HostileRequest> {
  const segment = pathSegment(known);
  const path = fc.oneof(
    segment.map((s) => `/blob/${s}`),
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/go/${s.join('/')}`),
    segment.map((s) => `/s/${s}/`),
    fc.constantFrom(
      '/health',
      '/health/storage',
      '/',
      '/recent',
      '/compare',
      '/insight',
      '/insight/result',
      '/list',
      '/scrape',
      '/status',
      '/task',
      '/assets/%ZZ',
      '/assets/../../etc/passwd',
      '/docs-json',
    ),
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join('/')}`),
    segment.map((s) => `/health?${s}`),
  );
  const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');
  return fc.tuple(method, path).map(([m, p]): HostileRequest => ({
    method: m,
    path: p,
    headers: m === 'POST' ? { 'content-type': JSON_TYPE } : {},
    body: m === 'POST' ? '{}' : undefined,
  }));
}
