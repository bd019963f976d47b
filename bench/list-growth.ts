/**
 * How `POST /list`'s time grows with a change's history: changes of 40 jobs on each of 1, 10 and 30
 * patch sets (generated: test/fake-upstream/data/long-change.ts), the `all` role on SQLite with the
 * upstream cache off, the fake Gerrit and Zuul answering at once. For each, the median of `--runs`
 * (5) of the latest patch set's list (40 entries) and of the whole history (40 per patch set). Cost
 * grows linearly when the time per entry listed stays within ±30% of the median across the sizes.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/list-growth.ts [--runs=5] [--quick]   (--quick: 3 runs)
 */
import { longChange } from '../test/fake-upstream/data/long-change';
import { ZUUL_TENANT } from '../test/fake-upstream/data/zuul-builds';
import { startFakeGerrit } from '../test/fake-upstream/fake-gerrit';
import { FakeZuulData, startFakeZuul } from '../test/fake-upstream/fake-zuul';
import { flag } from './lib/args';
import { BenchRow, growthRows, runBench } from './lib/report';
import { postJson, startAllOnSqlite } from './lib/service';
import { median } from './lib/timing';

const JOBS = 40;
const PATCH_SETS = [1, 10, 30];
const FIRST_CHANGE = 990_001;
const LOG_ORIGIN = 'https://logs.example.test';

export async function listGrowthBench(runs = flag('runs', 5, 3)): Promise<BenchRow[]> {
  const changes = PATCH_SETS.map((ps, i) => ({ ps, number: FIRST_CHANGE + i }));
  // Gerrit's reports link to the fake Zuul's address: its data is filled in once it listens (the builds queries read it as asked).
  const zuulData: FakeZuulData = { tenant: ZUUL_TENANT, builds: [], buildsets: [] };
  const zuul = await startFakeZuul(zuulData);
  const generated = changes.map(({ ps, number }) => longChange(number, ps, JOBS, zuul.url, LOG_ORIGIN));
  zuulData.builds.push(...generated.flatMap((g) => g.builds));
  zuulData.buildsets.push(...generated.flatMap((g) => g.buildsets));
  const gerrit = await startFakeGerrit(generated.map((g) => g.change));
  const service = await startAllOnSqlite({
    GERRIT_URL: gerrit.url,
    ZUUL_URL: zuul.url,
    ZUUL_TENANT,
    ARTIFACT_HOSTS: new URL(LOG_ORIGIN).host,
    UPSTREAM_CACHE_SECONDS: '0',
  });
  try {
    // Warm-up: every change's lists a few times, so the first size measured does not pay for the JIT.
    for (let i = 0; i < 3; i++)
      for (const { number } of changes) for (const history of [false, true]) await list(service.url, String(number), history);
    const timeList = async (q: string, history: boolean): Promise<{ ms: number; entries: number }> => {
      const times: number[] = [];
      let entries = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        entries = await list(service.url, q, history);
        times.push(performance.now() - started);
      }
      return { ms: median(times), entries };
    };
    const latest: { label: string; ms: number; units: number }[] = [];
    const history: { label: string; ms: number; units: number }[] = [];
    for (const { ps, number } of changes) {
      const l = await timeList(String(number), false);
      latest.push({
        label: `${JOBS} jobs × ${ps} patch set${ps > 1 ? 's' : ''}, latest (${l.entries} entries)`,
        ms: l.ms,
        units: l.entries,
      });
      const h = await timeList(String(number), true);
      history.push({
        label: `${JOBS} jobs × ${ps} patch set${ps > 1 ? 's' : ''}, history (${h.entries} entries)`,
        ms: h.ms,
        units: h.entries,
      });
    }
    return [...growthRows('POST /list', latest, 'entry'), ...growthRows('POST /list', history, 'entry')];
  } finally {
    await service.stop();
    await gerrit.close();
    await zuul.close();
  }
}

async function list(base: string, q: string, history: boolean): Promise<number> {
  const { status, body } = await postJson<{ results: unknown[] }>(base, '/list', history ? { q, history } : { q });
  if (status !== 200) throw new Error(`/list ${q} answered ${status}: ${JSON.stringify(body)}`);
  return body.results.length;
}

if (require.main === module) runBench(() => listGrowthBench());
