/**
 * `npm run demo`: the built service (dist/, one `all` process on a fresh SQLite file) against the
 * test suite's fake Gerrit, Zuul and log server (test/fake-upstream), so the whole UI can be tried
 * with realistic runs and without network: a change whose jobs passed, failed, errored and were
 * skipped, a tempest run with dozens of failures, a job that broke after its tests, a flaky job with
 * a dozen runs for "Is it my change?" and "Compare with…", and the odd cases a new user meets (a
 * JUnit-only run, a 12-hour-clock memory tracker, a merge conflict, a build Zuul forgot). A few runs are scraped at start-up (so
 * the home page lists them and their sites open at once); the rest are left to paste. Prints the
 * URLs to open; Ctrl-C stops everything. `--port=N` picks the service's port (default 5000).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLAKY_CHANGE, FLAKY_JOB, flakyRun } from '../test/fake-upstream/data/flaky-job';
import { GLANCE_CHANGE, NOVA_CHANGE, ZUUL_TENANT } from '../test/fake-upstream/data/zuul-builds';
import { postFailureNoLogsEntry } from '../test/fake-upstream/data/errored-builds';
import { startFakeUpstreams } from '../test/fake-upstream/fake-upstreams';

const ENTRY = join(__dirname, '..', 'dist', 'main.js');

async function main(): Promise<void> {
  if (!existsSync(ENTRY)) throw new Error('dist/main.js is missing: run `npm run build` first');
  const port = Number(process.argv.find((a) => a.startsWith('--port='))?.slice(7) ?? 5000);

  const upstreams = await startFakeUpstreams({ flakyJob: true });
  const { logs, zuul, gerrit } = upstreams;

  const dir = mkdtempSync(join(tmpdir(), 'stackviz-demo-'));
  const service: ChildProcess = spawn(process.execPath, [ENTRY], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'stackviz.sqlite')}`,
      ...upstreams.env,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (service.exitCode === null) service.kill('SIGTERM');
    await upstreams.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  service.once('exit', (code) => {
    if (stopping) return;
    console.error(`the service exited (${code})`);
    void stop();
  });

  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/health`).catch(() => null))?.ok) break;
    if (i > 600) throw new Error(`the service did not answer on ${base}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const site = (entry: Record<string, unknown>) => scrape(base, entry).then((uuid) => `${base}/s/${uuid}/`);
  const listed = async (q: string, job: string) => (await post(base, '/list', { q })).results.find((e: { name: string }) => e.name === job);
  const sites = {
    triage: await site({ ...(await listed(logs.logUrl('triageTempest'), 'tempest-triage')), status: 'FAILURE' }),
    postFailure: await site(await listed(String(NOVA_CHANGE), 'nova-next')),
    today: await site({ url: logs.logUrl('modernTempest'), name: 'tempest-full-py3', status: 'SUCCESS' }),
    dstat: await site(await listed('271726', 'gate-tempest-dsvm-full')),
    corrupt: await site({ url: logs.logUrl('corruptSubunit'), name: 'tempest-corrupt', status: 'FAILURE' }),
    flaky: await site(await listed(String(FLAKY_CHANGE), FLAKY_JOB)),
    memory12h: await site({ url: logs.logUrl('memoryTracker12h'), name: 'tempest-full-py3', status: 'SUCCESS' }),
    nothingReadable: await site(postFailureNoLogsEntry(logs.logUrl('postFailureNoLogs'))),
  };

  const go = (q: string) => `${base}/go/${q}`;
  console.log(`
StackViz demo on ${base} (fake Gerrit ${gerrit.url}, Zuul ${zuul.url}, logs ${logs.url}). Ctrl-C stops it.

Sites ready to open:
  tempest, 38 failures from 3 causes   ${sites.triage}
  POST_FAILURE, console only           ${sites.postFailure}
  today's tempest (Resources tab)      ${sites.today}
  tempest with dstat strips            ${sites.dstat}timeline
  a damaged subunit stream (warnings)  ${sites.corrupt}
  a flaky job ("Is it my change?")     ${sites.flaky}
  memory tracker, 12-hour clock        ${sites.memory12h}resources
  a job that left nothing readable     ${sites.nothingReadable}

Paste on ${base}/ or open:
  a change, every kind of job row      ${go(String(NOVA_CHANGE))}
  a Gerrit URL                         ${go(`https://review.opendev.org/c/openstack/nova/+/${NOVA_CHANGE}/3`)}
  a Zuul buildset                      ${go(`${zuul.url}/t/${ZUUL_TENANT}/buildset/338114acf62841f48d37862efc29cb87`)}
  a Zuul build (one job: starts)       ${go(`${zuul.url}/t/${ZUUL_TENANT}/build/${flakyRun('t').uuid}`)}
  a legacy log URL (one job: starts)   ${go(logs.logUrl('legacyUnit'))}
  a change with rechecks               ${go(String(FLAKY_CHANGE))}
  a JUnit-only run (one job: starts)   ${go(logs.logUrl('junitOnly'))}
  a Jenkins console, failed step       ${go(logs.logUrl('jenkinsFailedStep'))}
  a patch set with a merge conflict    ${go(`${GLANCE_CHANGE},2`)} (and ${go(String(GLANCE_CHANGE))})
  a build Zuul forgot (v3 periodic)    ${go(logs.logUrl('v3Periodic'))}
  a query the service refuses          ${go('not%20a%20change')}
  an unknown change                    ${go('999999')}
  a purged site                        ${base}/s/0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b/
`);
}

async function post(base: string, path: string, body: unknown): Promise<any> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path} ${JSON.stringify(body)}: ${res.status} ${json.message}`);
  return json;
}

/** Queues a scrape of a /list entry (or just a url) and returns its task's uuid. */
async function scrape(base: string, entry: Record<string, unknown>): Promise<string> {
  return (await post(base, '/scrape', entry)).uuid;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
