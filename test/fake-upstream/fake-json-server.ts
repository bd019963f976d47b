import * as http from 'node:http';
import { AddressInfo } from 'node:net';

/** How a fake upstream behaves: normally, HTTP 500, 200 with a body that is not JSON, or never answering. */
export type FakeMode = 'ok' | 'error' | 'garbage' | 'hang';

export interface RecordedRequest {
  method: string;
  /** Path and query as received, e.g. `/api/tenant/openstack/builds?change=1&patchset=2`. */
  path: string;
}

/** What a route sees of a request besides its method and URL. */
export interface RequestDetails {
  headers: http.IncomingHttpHeaders;
  /** The request body as text ('' for a GET). */
  body: string;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

export interface FakeUpstream {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Every request received, in order; tests count them. */
  requests: RecordedRequest[];
  setMode(mode: FakeMode): void;
  /** Answers every request `ms` later (a slow upstream that still answers). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export function textAnswer(status: number, body: string): Answer {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

const GARBAGE: Answer = {
  status: 200,
  contentType: 'text/html; charset=utf-8',
  body: '<html><head><title>502 Proxy Error</title></head><body>The proxy server received an invalid response.</body></html>',
};

/** A real HTTP server on 127.0.0.1 (port 0) answering from `route`, recording requests, able to misbehave. */
export async function startFakeUpstream(route: (method: string, url: URL, request: RequestDetails) => Answer): Promise<FakeUpstream> {
  let mode: FakeMode = 'ok';
  let delayMs = 0;
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    if (mode === 'hang') return; // the socket stays open until the client gives up or close()
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer =
        mode === 'error'
          ? textAnswer(500, 'Internal Server Error')
          : mode === 'garbage'
            ? GARBAGE
            : route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://fake'), {
                headers: req.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              });
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) });
        res.end(answer.body);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setMode: (m) => {
      mode = m;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
