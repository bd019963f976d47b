import { FLAKY_CHANGE, FLAKY_JOB, flakyRun } from '../fake-upstream/data/flaky-job';
import { FakeUpstreams, startFakeUpstreams } from '../fake-upstream/fake-upstreams';
import type { ZuulBuildRecord } from '../fake-upstream/fake-zuul';

export const BOT = { username: 'stackviz-bot', password: 'bot-http-secret-4711' };
export const PUBLIC_URL = 'https://stackviz.example.org';
/** Zuul ids above every fixture's. */
let nextId = 6_000_000;

/** The fakes with the flaky job's runs (other runs for the insights) and a Gerrit that takes the bot's reviews. */
export function startWatchUpstreams(): Promise<FakeUpstreams> {
  return startFakeUpstreams({ flakyJob: true, gerritAccount: BOT });
}

/** The settings of a watcher on the check pipeline polling every `intervalS`, reporting as BOT. */
export function watchEnv(upstreams: FakeUpstreams, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...upstreams.env,
    WATCH_PIPELINES: 'check',
    WATCH_INTERVAL_S: '0.3',
    REPORT_GERRIT: 'on',
    PUBLIC_URL,
    GERRIT_USER: BOT.username,
    GERRIT_PASSWORD: BOT.password,
    ...extra,
  };
}

/**
 * A build of the flaky job on change 654321 patch set 2 as Zuul records it when it starts: a new
 * `_id`, no result yet. `finish` completes it with run `t`'s logs under a log URL of its own.
 */
export class WatchedBuilds {
  private n = 0;
  private readonly made: ZuulBuildRecord[] = [];
  constructor(private readonly upstreams: FakeUpstreams) {}

  /** Moves every build made here to a pipeline nobody watches, so a later test's first poll does not find them. */
  retire(): void {
    for (const build of this.made) this.upstreams.zuul.updateBuild(build.uuid, { pipeline: 'retired' });
  }

  start(): ZuulBuildRecord {
    const n = ++this.n;
    const uuid = `${(nextId + n).toString(16).padStart(8, '0')}${'e'.repeat(24)}`;
    const build: ZuulBuildRecord = {
      _id: nextId++,
      uuid,
      job_name: FLAKY_JOB,
      result: null,
      start_time: new Date().toISOString().slice(0, 19),
      end_time: null,
      duration: null,
      voting: true,
      log_url: null,
      final: true,
      pipeline: 'check',
      buildset: { uuid: `${uuid.slice(0, 24)}bbbbbbbb` },
      ref: { project: 'openstack/nova', branch: 'master', change: FLAKY_CHANGE, patchset: '2', ref: `refs/changes/21/${FLAKY_CHANGE}/2` },
    };
    this.upstreams.zuul.addBuild(build);
    this.made.push(build);
    return build;
  }

  finish(build: ZuulBuildRecord, result = 'FAILURE'): void {
    this.upstreams.zuul.updateBuild(build.uuid, {
      result,
      end_time: new Date().toISOString().slice(0, 19),
      duration: 60,
      log_url: `${this.upstreams.logs.url}/copy/${build._id}${flakyRun('t').logPath}`,
    });
  }

  failed(result = 'FAILURE'): ZuulBuildRecord {
    const build = this.start();
    this.finish(build, result);
    return build;
  }
}

/**
 * Scrapes run `o1` of the flaky job (its broken test's ServerFault among its failures) as if it had
 * just failed on `change`, under copy `copy` of its logs: failure knowledge of this week, on a
 * change other than the watched builds' one.
 */
export async function scrapeRecentFailure(baseUrl: string, upstreams: FakeUpstreams, copy: number, change: number): Promise<void> {
  const res = await fetch(`${baseUrl}/scrape`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      url: `${upstreams.logs.url}/copy/${copy}${flakyRun('o1').logPath}`,
      name: FLAKY_JOB,
      pipeline: 'check',
      change_id: change,
      revision: 1,
      change_project: 'openstack/nova',
      status: 'FAILURE',
      finished_at: new Date().toISOString(),
    }),
  });
  if (res.status >= 300) throw new Error(`POST /scrape answered ${res.status}: ${await res.text()}`);
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 60000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
