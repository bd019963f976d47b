/**
 * The API's hot reads against a bare `node:http` server and a bare Fastify server answering the same
 * bytes, in the same run:
 * POST /status and POST /task of a finished task and POST /status of a running one, read from the
 * database each time (50 connections), and GET /blob of a stored
 * artifact of about 250 KB (a generated 7,700-test run's `subunit`) and one of about 15 KB (32 connections). The service runs as production runs it (`all` role on
 * SQLite, JSON logs). `--seconds=N` sets each measurement's length (default 10, 3 with `--quick`).
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/api.ts
 */
import * as http from 'node:http';
import { FakeLogServer, startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { bareFastify, bareNodeHttp, CannedAnswer, load } from './lib/load';
import { flag } from './lib/args';
import { BenchRow, ratioRow, runBench } from './lib/report';
import { postJson, queueScrape, scrapeFinished, startAllOnSqlite } from './lib/service';
import { tempestLikeStream } from './lib/streams';

const BLOB_TARGET_BYTES = 250 * 1024;
/** A generated tempest-like run whose `subunit` artifact stores about 250 KB (32 KB per 1,000 tests). */
const LARGE_RUN_TESTS = 7_700;
const LARGE_RUN_PATH = '/bench/api-large-run/';
/** The size of the blob in the first /blob measurement (bench/README.md): a stestr run's `subunit` artifact. */
const SMALL_BLOB_BYTES = 15 * 1024;

export async function apiBench(seconds = flag('seconds', 10, 3)): Promise<BenchRow[]> {
  const logs = await startFakeLogServer({ builds: { [LARGE_RUN_PATH]: tempestLikeStream(LARGE_RUN_TESTS) } });
  const service = await startAllOnSqlite({ ARTIFACT_HOSTS: logs.host });
  try {
    const uuid = await scrapeFinished(service.url, logs.logUrl('modernTempest'));
    const statusBody = (await postJson(service.url, '/status', { q: uuid })).bytes;
    const taskAnswer = await postJson<{ artifacts: { id: string }[] }>(service.url, '/task', { q: uuid });
    const small = await closestBlob(service.url, taskAnswer.body.artifacts, SMALL_BLOB_BYTES);
    const large = await scrapeFinished(service.url, logs.url + LARGE_RUN_PATH);
    const blob = await closestBlob(
      service.url,
      (await postJson<TaskArtifacts>(service.url, '/task', { q: large })).body.artifacts,
      BLOB_TARGET_BYTES,
    );
    const running = await runningTask(service.url, logs);
    const runningBody = (await postJson(service.url, '/status', { q: running })).bytes;

    const json = { 'content-type': 'application/json; charset=utf-8' };
    const post = (path: string, q = uuid) => ({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q }),
    });
    const answers: CannedAnswer[] = [
      { method: 'POST', path: '/status', headers: json, body: statusBody },
      { method: 'POST', path: '/running-status', headers: json, body: runningBody },
      { method: 'POST', path: '/task', headers: json, body: taskAnswer.bytes },
      ...[blob, small].map((b): CannedAnswer => ({ method: 'GET', path: `/blob/${b.id}`, headers: b.headers, body: b.bytes })),
    ];
    const bare = await bareFastify(answers);
    const floor = await bareNodeHttp(answers);
    try {
      /** Ours, bare Fastify and bare node:http, one after the other with the same requests, each after a warm-up second. */
      /** `bareRequests`: what the bare servers are asked instead, when ours differ (they answer by path). */
      const measure = async (requests: object[], connections: number, bareRequests = requests) => {
        for (const [url, r] of [
          [service.url, requests],
          [bare.url, bareRequests],
          [floor.url, bareRequests],
        ] as const)
          await load(url, r, connections, 1);
        return {
          ours: await load(service.url, requests, connections, seconds),
          fastify: await load(bare.url, bareRequests, connections, seconds),
          node: await load(floor.url, bareRequests, connections, seconds),
        };
      };
      const rows = (
        what: string,
        m: Awaited<ReturnType<typeof measure>>,
        connections: number,
        nodeGoal: number | null,
        fastifyGoal: number | null,
      ) => [
        ratioRow(`${what} vs bare node:http, same bytes (${connections} conn.)`, m.ours, m.node, nodeGoal),
        ratioRow(`${what} vs bare Fastify, same bytes (${connections} conn.)`, m.ours, m.fastify, fastifyGoal),
      ];
      const get = (b: RawBlob) => [{ method: 'GET', path: `/blob/${b.id}`, headers: { 'accept-encoding': 'gzip' } }];
      const kb = (b: RawBlob) => `${(b.bytes.length / 1024).toFixed(1)} KB`;
      return [
        ...rows('POST /status of a finished task', await measure([post('/status')], 50), 50, 0.5, 0.3),
        ...rows('POST /task of a finished task', await measure([post('/task')], 50), 50, 0.5, 0.3),
        ...rows(
          'POST /status of a running task (read from the database)',
          await measure([post('/status', running)], 50, [post('/running-status', running)]),
          50,
          null,
          null,
        ),
        ...rows(`GET /blob of a ${kb(blob)} blob`, await measure(get(blob), 32), 32, 0.7, 0.7),
        ...rows(`GET /blob of a ${kb(small)} blob`, await measure(get(small), 32), 32, 0.7, 0.7),
      ];
    } finally {
      await bare.close();
      await floor.close();
    }
  } finally {
    logs.release();
    await service.stop();
    await logs.close();
  }
}

/** A task that stays running: its scrape waits on the fake log server's held subunit file until `logs.release()`. */
async function runningTask(base: string, logs: FakeLogServer): Promise<string> {
  logs.hold();
  const uuid = await queueScrape(base, logs.logUrl('gatedSubunit'));
  while (logs.held() === 0) await new Promise((r) => setTimeout(r, 20));
  return uuid;
}

interface RawBlob {
  id: string;
  bytes: Buffer;
  headers: Record<string, string>;
}

interface TaskArtifacts {
  artifacts: { id: string }[];
}

/** The stored artifact whose size is closest to `target`: its bytes as sent (gzip) and the headers /blob sends with them. */
async function closestBlob(base: string, artifacts: TaskArtifacts['artifacts'], target: number): Promise<RawBlob> {
  const blobs = await Promise.all(artifacts.map(({ id }) => rawGet(`${base}/blob/${id}`).then((raw) => ({ id, ...raw }))));
  return blobs.sort((a, b) => Math.abs(a.bytes.length - target) - Math.abs(b.bytes.length - target))[0];
}

/** GET without decoding (fetch would gunzip). */
function rawGet(url: string): Promise<Omit<RawBlob, 'id'>> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const name of ['content-type', 'content-encoding', 'etag', 'cache-control', 'vary'])
            headers[name] = String(res.headers[name] ?? '');
          resolve({ bytes: Buffer.concat(chunks), headers });
        });
      })
      .on('error', reject);
  });
}

if (require.main === module) runBench(() => apiBench());
