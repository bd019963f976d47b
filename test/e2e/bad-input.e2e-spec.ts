import * as http from 'node:http';
import { connect } from 'node:net';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson } from './harness';
import { errorShapeProblems, sendRaw as send } from './raw-http';

function expectErrorShape(answer: Parameters<typeof errorShapeProblems>[0], status: number, message: string | RegExp): void {
  expect(answer.status).toBe(status);
  expect(errorShapeProblems(answer)).toEqual([]);
  const { message: actual } = answer.body as { message: string };
  if (typeof message === 'string') expect(actual).toBe(message);
  else expect(actual).toMatch(message);
}

describe(`bad requests are answered in the API's error shape (${BACKEND})`, () => {
  let s: BootedApp;
  let agent: http.Agent;
  beforeAll(async () => {
    s = await bootApp({ ARTIFACT_HOSTS: 'logs.example.test' });
  });
  beforeEach(() => {
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(() => agent.destroy());
  afterAll(() => s.close());

  it.each([
    ['GET', '/go/%ZZ'],
    ['GET', '/blob/%E0%A4%A'],
    ['GET', '/s/%ZZ/'],
    ['POST', '/list%C3%28'],
    ['GET', '/%'],
  ])('%s %s: 400 for a path that is not valid percent-encoding, and the connection stays usable', async (method, path) => {
    const first = await send(s.baseUrl, agent, '/health');
    const bad = await send(s.baseUrl, agent, path, { method });
    expectErrorShape(bad, 400, 'the request path is not valid percent-encoded UTF-8');
    expect(bad.reusedSocket).toBe(true);
    const after = await send(s.baseUrl, agent, '/health');
    expect(after.status).toBe(200);
    expect(after.reusedSocket).toBe(true);
    expect(first.status).toBe(200);
  });

  it('414 in our shape for a path parameter over the router limit', async () => {
    expectErrorShape(await send(s.baseUrl, agent, `/blob/${'a'.repeat(200)}`), 414, /longer than the 100 characters/);
  });

  it('431 for headers over 16 KiB, with Connection: close, and a keep-alive client carries on', async () => {
    expect((await send(s.baseUrl, agent, '/health')).status).toBe(200);
    const big = await send(s.baseUrl, agent, '/health', { headers: { 'x-padding': 'a'.repeat(20 * 1024) } });
    expectErrorShape(big, 431, 'the request headers are larger than the 16 KiB this server accepts');
    expect(big.headers.connection).toBe('close');
    // The agent saw Connection: close and opens a new socket rather than writing into a dead one.
    const next = await send(s.baseUrl, agent, '/health');
    expect(next.status).toBe(200);
    expect(next.reusedSocket).toBe(false);
  });

  it('closes the socket of an oversized request cleanly (FIN after the answer, not a reset)', async () => {
    const { port } = new URL(s.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    const outcome = await new Promise<string>((resolve) => {
      socket.on('data', (c: Buffer) => received.push(c));
      socket.on('end', () => resolve('end'));
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      // Headers well past the limit, and a second request pipelined behind them: unread bytes.
      socket.write(`GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(64 * 1024)}\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n`);
    });
    socket.destroy();
    expect(outcome).toBe('end');
    const [head, body] = Buffer.concat(received).toString().split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(head).toMatch(/\r\nConnection: close(\r\n|$)/);
    expectErrorShape({ status: 431, headers: { 'content-type': 'application/json' }, body: JSON.parse(body) }, 431, /16 KiB/);
  });

  it.each([
    ['cut-off JSON', '/list', '{"q": ', 'application/json', 400, /JSON/],
    ['an empty JSON body', '/list', '', 'application/json', 400, /body/i],
    ['XML', '/scrape', '<entry url="x"/>', 'application/xml', 415, 'the request body must be JSON (Content-Type: application/json)'],
    ['CSV', '/status', 'q,x', 'text/csv', 415, 'the request body must be JSON (Content-Type: application/json)'],
    ['70 KiB of text', '/list', 'x'.repeat(70 * 1024), 'text/plain', 413, 'the request body is larger than the 64 KiB this server accepts'],
  ])('%s to %s: the error shape', async (_label, path, body, type, status, message) => {
    expectErrorShape(await send(s.baseUrl, agent, path, { method: 'POST', headers: { 'content-type': type }, body }), status, message);
  });

  it('names what is missing, in one sentence per field', async () => {
    expectErrorShape(await postJson(s.baseUrl, '/scrape', {}), 400, 'url is required: an http(s) URL of a job log directory');
    expectErrorShape(
      await postJson(s.baseUrl, '/list', { q: '' }),
      400,
      'q is required: a change number (271726), change,patchset (271726,2), or a Gerrit, Zuul or log URL',
    );
    expectErrorShape(
      await postJson(s.baseUrl, '/scrape', { url: 'http://user:pw@logs.example.test/x/', change_id: 'x' }),
      400,
      'url must not carry a user name or password; change_id must be a whole number or null',
    );
  });
});
