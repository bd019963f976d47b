import { failureRunBuilds } from './data/failure-runs';
import { flakyGerritChange, flakyLogDirectories, flakyZuulBuilds } from './data/flaky-job';
import { pytestGerritChange, pytestLogDirectories, pytestZuulBuilds } from './data/pytest-job';
import { gerritFixture } from './data/gerrit-changes';
import { ZUUL_TENANT, zuulFixture } from './data/zuul-builds';
import { FakeGerrit, GerritBotAccount, startFakeGerrit } from './fake-gerrit';
import { FakeLogServer, startFakeLogServer } from './fake-logs';
import { FakeZuul, startFakeZuul } from './fake-zuul';

export interface FakeUpstreams {
  logs: FakeLogServer;
  zuul: FakeZuul;
  gerrit: FakeGerrit;
  /** The service's settings that point it at these fakes (GERRIT_URL, ZUUL_URL, ZUUL_TENANT, ARTIFACT_HOSTS, LEGACY_LOGS_URL). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Gerrit, Zuul and a log server with the fixture changes and builds, on 127.0.0.1, including the
 * five runs of the pytest job (JUnit reports, data/pytest-job.ts). With `flakyJob`, also the dozen
 * runs of the flaky job across changes that flake insight looks at. With `failureRuns`, also the
 * log folders of data/failure-runs.ts (many changes sharing failure causes). With `gerritAccount`,
 * Gerrit takes reviews posted as that account (fake-gerrit.ts).
 */
export async function startFakeUpstreams({
  flakyJob = false,
  failureRuns = false,
  gerritAccount,
}: { flakyJob?: boolean; failureRuns?: boolean; gerritAccount?: GerritBotAccount } = {}): Promise<FakeUpstreams> {
  const logs = await startFakeLogServer({
    builds: { ...pytestLogDirectories(), ...(flakyJob ? flakyLogDirectories() : {}), ...(failureRuns ? failureRunBuilds() : {}) },
  });
  const fixture = zuulFixture(logs.url);
  const zuul = await startFakeZuul({
    ...fixture,
    builds: [...fixture.builds, ...pytestZuulBuilds(logs.url), ...(flakyJob ? flakyZuulBuilds(logs.url) : [])],
  });
  const changes = gerritFixture({ legacyLogsUrl: logs.url, artifactUrl: logs.url, zuulUrl: zuul.url });
  const pytestChange = pytestGerritChange(zuul.url, ZUUL_TENANT);
  const gerrit = await startFakeGerrit(
    flakyJob ? [...changes, pytestChange, flakyGerritChange(zuul.url, ZUUL_TENANT)] : [...changes, pytestChange],
    gerritAccount,
  );
  return {
    logs,
    zuul,
    gerrit,
    env: { GERRIT_URL: gerrit.url, ZUUL_URL: zuul.url, ZUUL_TENANT, ARTIFACT_HOSTS: logs.host, LEGACY_LOGS_URL: logs.url },
    close: async () => {
      await Promise.all([logs.close(), zuul.close(), gerrit.close()]);
    },
  };
}
