import autocannon from 'autocannon';
import Fastify from 'fastify';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx/304 answers, socket errors and timeouts. */
  errors: number;
}

/** autocannon against `url` with keep-alive connections; the requests are cycled through. */
export async function load(url: string, requests: autocannon.Request[], connections: number, seconds: number): Promise<LoadResult> {
  const r = await autocannon({ url, connections, duration: seconds, timeout: 10, requests });
  const bad = Object.entries(r.statusCodeStats)
    .filter(([code]) => !/^2\d\d$|^304$/.test(code))
    .reduce((n, [, { count }]) => n + count, 0);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: bad + r.errors + r.timeouts };
}

export interface CannedAnswer {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The reference: a bare Fastify server (the same Fastify the service runs on) answering each route
 * with fixed bytes and headers. The service's side of a ratio does everything this one does plus
 * its own work (routing through Nest, validation, the database or a cache, logging).
 */
export async function bareFastify(answers: CannedAnswer[]): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  for (const a of answers) {
    app.route({ method: a.method, url: a.path, handler: (_req, reply) => reply.headers(a.headers).send(a.body) });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
}

/**
 * The floor under both: a bare `node:http` server answering each route with the same fixed bytes and
 * headers (no router, no hooks); a POST's body is read to its end before the answer, as any server must.
 */
export async function bareNodeHttp(answers: CannedAnswer[]): Promise<{ url: string; close(): Promise<void> }> {
  const byRoute = new Map(answers.map((a) => [`${a.method} ${a.path}`, a]));
  const server = http.createServer((req, res) => {
    const answer = byRoute.get(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      if (!answer) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { ...answer.headers, 'content-length': answer.body.length }).end(answer.body);
    });
  });
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
