import { FakeUpstream, startFakeUpstream, textAnswer } from '../fake-upstream/fake-json-server';
import { startFakeGerrit } from '../fake-upstream/fake-gerrit';
import { startFakeZuul } from '../fake-upstream/fake-zuul';
import { gerritFixture } from '../fake-upstream/data/gerrit-changes';
import { FixtureBases } from '../fake-upstream/data/fixture-bases';
import { zuulFixture } from '../fake-upstream/data/zuul-builds';
import { BootedApp, bootApp, postJson } from './harness';

/** What the /list e2e files run against: the fake Gerrit and Zuul with the fixture data, and the app. */
export interface ListUpstream {
  gerrit: FakeUpstream;
  zuul: FakeUpstream;
  /** Stand-ins for the two log origins: /list never fetches logs, it only has to tell them apart. */
  legacyLogs: FakeUpstream;
  artifacts: FakeUpstream;
  bases: FixtureBases;
  app: BootedApp;
  /** POST /list with `q` (and more of the body, e.g. `history`). */
  list(q: unknown, more?: Record<string, unknown>): ReturnType<typeof postJson>;
  /** The paths an upstream was asked for since it had `before` requests. */
  since(upstream: FakeUpstream, before: number): string[];
  close(): Promise<void>;
}

/** Starts the fakes and boots the app on them, answers never cached (so every test counts requests). */
export async function startListUpstream(timeoutMs: number): Promise<ListUpstream> {
  const legacyLogs = await startFakeUpstream(() => textAnswer(404, 'Not Found'));
  const artifacts = await startFakeUpstream(() => textAnswer(404, 'Not Found'));
  const zuul = await startFakeZuul(zuulFixture(artifacts.url, legacyLogs.url));
  const bases = { legacyLogsUrl: legacyLogs.url, artifactUrl: artifacts.url, zuulUrl: zuul.url };
  const gerrit = await startFakeGerrit(gerritFixture(bases));
  const app = await bootApp({
    GERRIT_URL: gerrit.url,
    ZUUL_URL: zuul.url,
    ZUUL_TENANT: 'openstack',
    LEGACY_LOGS_URL: legacyLogs.url,
    ARTIFACT_HOSTS: `${new URL(legacyLogs.url).host},${new URL(artifacts.url).host}`,
    FETCH_TIMEOUT_MS: String(timeoutMs),
    UPSTREAM_CACHE_SECONDS: '0',
  });
  return {
    gerrit,
    zuul,
    legacyLogs,
    artifacts,
    bases,
    app,
    list: (q, more = {}) => postJson(app.baseUrl, '/list', { q, ...more }),
    since: (upstream, before) => upstream.requests.slice(before).map((r) => r.path),
    close: async () => {
      await app.close();
      await Promise.all([gerrit, zuul, legacyLogs, artifacts].map((u) => u.close()));
    },
  };
}
