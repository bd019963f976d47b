import * as http from 'node:http';
import { STATUS_CODES } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
  reusedSocket: boolean;
}

/** One request through `agent`, the path sent exactly as given (bad percent-encoding included). */
export function sendRaw(
  baseUrl: string,
  agent: http.Agent,
  path: string,
  init: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(baseUrl + '/', { agent, method: init.method ?? 'GET', path, headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* not JSON: keep the text */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, reusedSocket: req.reusedSocket });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/**
 * What is wrong with an error answer, measured against the API's error shape: a JSON object with
 * exactly statusCode (= the status), error (its reason phrase) and message (one non-empty string).
 * Empty when it is right.
 */
export function errorShapeProblems(answer: { status: number; headers: http.IncomingHttpHeaders | Headers; body: unknown }): string[] {
  const problems: string[] = [];
  const type = answer.headers instanceof Headers ? answer.headers.get('content-type') : answer.headers['content-type'];
  if (!String(type).startsWith('application/json')) problems.push(`content-type ${type}`);
  const body = answer.body as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [...problems, `body ${JSON.stringify(body)?.slice(0, 200)}`];
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'error,message,statusCode') problems.push(`keys ${keys}`);
  if (body.statusCode !== answer.status) problems.push(`statusCode ${String(body.statusCode)}`);
  if (body.error !== STATUS_CODES[answer.status]) problems.push(`error ${String(body.error)}`);
  if (typeof body.message !== 'string' || body.message === '') problems.push(`message ${JSON.stringify(body.message)}`);
  return problems;
}
