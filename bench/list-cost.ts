/**
 * What one POST /list of a 40-job change costs upstream: the requests the fake Gerrit and the fake
 * Zuul receive while the built service (`all` role on SQLite, upstream cache off) lists the latest
 * patch set of openstack/requirements 123470 (40 jobs; test/fake-upstream/data/zuul-builds.ts).
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/list-cost.ts
 */
import { REQUIREMENTS_CHANGE } from '../test/fake-upstream/data/zuul-builds';
import { startFakeUpstreams } from '../test/fake-upstream/fake-upstreams';
import { BenchRow, runBench } from './lib/report';
import { postJson, startAllOnSqlite } from './lib/service';

const GOAL = 2;

export async function listCostBench(): Promise<BenchRow[]> {
  const upstreams = await startFakeUpstreams();
  const service = await startAllOnSqlite({ ...upstreams.env, UPSTREAM_CACHE_SECONDS: '0' });
  try {
    const [gerritBefore, zuulBefore] = [upstreams.gerrit.requests.length, upstreams.zuul.requests.length];
    const { status, body } = await postJson<{ results: unknown[] }>(service.url, '/list', { q: String(REQUIREMENTS_CHANGE) });
    if (status !== 200) throw new Error(`/list answered ${status}: ${JSON.stringify(body)}`);
    const gerrit = upstreams.gerrit.requests.slice(gerritBefore).map((r) => r.path);
    const zuul = upstreams.zuul.requests.slice(zuulBefore).map((r) => r.path);
    const total = gerrit.length + zuul.length;
    return [
      {
        figure: `Gerrit + Zuul requests for one POST /list of a ${body.results.length}-job change`,
        ours: `${total}: Gerrit ${gerrit.map((p) => `\`${p}\``).join(', ')}; Zuul ${zuul.map((p) => `\`${p}\``).join(', ')}`,
        reference: '',
        ratio: null,
        goal: String(GOAL),
        met: total <= GOAL,
      },
    ];
  } finally {
    await service.stop();
    await upstreams.close();
  }
}

if (require.main === module) runBench(() => listCostBench());
