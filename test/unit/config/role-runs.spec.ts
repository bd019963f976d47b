import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { AppModule } from '../../../src/app.module';
import { ROLES, Role } from '../../../src/config/app-config';
import { loadConfig } from '../../../src/config/load-config';
import { roleRuns } from '../../../src/config/role-runs';

const configOf = (role: Role, env: Record<string, string> = {}) =>
  loadConfig(
    {
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      DATABASE_URL: 'sqlite::memory:',
      ...(role === 'watcher' ? { WATCH_PIPELINES: 'gate' } : {}),
      ...env,
    },
    [`--role=${role}`],
  );

type ModuleRef = Type | DynamicModule;

/** What a module registers under `key`: its @Module() metadata and, for a dynamic module, what forRoot added. */
function listed(m: ModuleRef, key: 'controllers' | 'providers' | 'imports'): unknown[] {
  const cls = 'module' in m ? m.module : m;
  const declared = (Reflect.getMetadata(MODULE_METADATA[key.toUpperCase() as keyof typeof MODULE_METADATA], cls) as unknown[]) ?? [];
  return [...declared, ...(('module' in m ? m[key] : undefined) ?? [])];
}

/** The class names of the controllers and providers of every module a role's AppModule imports, from their metadata: nothing is built. */
function registered(role: Role): { controllers: string[]; providers: string[] } {
  return registeredWith(role, {});
}

function registeredWith(role: Role, env: Record<string, string>): { controllers: string[]; providers: string[] } {
  const controllers = new Set<string>();
  const providers = new Set<string>();
  const seen = new Set<ModuleRef>();
  const visit = (m: ModuleRef) => {
    if (seen.has(m)) return;
    seen.add(m);
    for (const c of listed(m, 'controllers') as Type[]) controllers.add(c.name);
    for (const p of listed(m, 'providers') as Provider[]) if (typeof p === 'function') providers.add(p.name);
    for (const i of listed(m, 'imports') as ModuleRef[]) visit(i);
  };
  visit(AppModule.forRoot(configOf(role, env)));
  return { controllers: [...controllers].sort(), providers: [...providers].sort() };
}

describe('what each role runs', () => {
  it('roleRuns decides every flag from the role', () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, roleRuns({ role })]));
    expect(table).toEqual({
      all: { servesHttp: true, runsJobs: true, runsSchedule: true, runsCleanupOnce: false, staysUp: true, runsWatcher: false },
      api: { servesHttp: true, runsJobs: false, runsSchedule: true, runsCleanupOnce: false, staysUp: true, runsWatcher: false },
      worker: { servesHttp: false, runsJobs: true, runsSchedule: false, runsCleanupOnce: false, staysUp: true, runsWatcher: false },
      cleanup: { servesHttp: false, runsJobs: false, runsSchedule: false, runsCleanupOnce: true, staysUp: false, runsWatcher: false },
      watcher: { servesHttp: false, runsJobs: false, runsSchedule: false, runsCleanupOnce: false, staysUp: true, runsWatcher: true },
    });
    const watching = { pipelines: ['gate'] };
    expect(roleRuns({ role: 'all', watch: watching }).runsWatcher).toBe(true);
    expect(roleRuns({ role: 'api', watch: watching }).runsWatcher).toBe(false);
    expect(roleRuns({ role: 'worker', watch: watching }).runsWatcher).toBe(false);
  });

  it('registers controllers, GET /blob included, only where HTTP is served', () => {
    const http = [
      'BlobController',
      'CompareController',
      'FailuresController',
      'HealthController',
      'InsightController',
      'JobsController',
      'ScrapeController',
      'StorageController',
    ];
    expect(registered('all').controllers).toEqual([...http, 'WatchController']);
    expect(registered('api').controllers).toEqual([...http, 'WatchController']);
    expect(registered('worker').controllers).toEqual([]);
    expect(registered('cleanup').controllers).toEqual([]);
    expect(registered('watcher').controllers).toEqual([]);
  });

  it('runs the watcher in the watcher role, and in the all role only when WATCH_PIPELINES is set; GET /watch where HTTP is served', () => {
    const watches = (role: Role, env: Record<string, string> = {}) => {
      const { controllers, providers } = registeredWith(role, env);
      return {
        watcher: providers.includes('Watcher'),
        insights: providers.includes('InsightsService'),
        status: controllers.includes('WatchController'),
      };
    };
    expect(watches('watcher')).toEqual({ watcher: true, insights: true, status: false });
    expect(watches('all')).toEqual({ watcher: false, insights: true, status: true });
    expect(watches('all', { WATCH_PIPELINES: 'gate' })).toEqual({ watcher: true, insights: true, status: true });
    expect(watches('api', { WATCH_PIPELINES: 'gate' })).toEqual({ watcher: false, insights: true, status: true });
    expect(watches('worker', { WATCH_PIPELINES: 'gate' })).toEqual({ watcher: false, insights: false, status: false });
  });

  it('records failures and backfills them where jobs run, and serves them where HTTP is', () => {
    const failures = (role: Role) =>
      ['FailureRecorder', 'FailureBackfill', 'FailureQueries', 'FailurePurge'].filter((p) => registered(role).providers.includes(p));
    expect(failures('all')).toEqual(['FailureRecorder', 'FailureBackfill', 'FailureQueries', 'FailurePurge']);
    expect(failures('api')).toEqual(['FailureQueries', 'FailurePurge']);
    expect(failures('worker')).toEqual(['FailureRecorder', 'FailureBackfill', 'FailurePurge']);
    expect(failures('cleanup')).toEqual(['FailurePurge']);
  });

  it('runs the scrape job, the schedule, queue recovery and the cleanup pass where the flags say', () => {
    const runs = (role: Role) =>
      ['ScrapeRunner', 'CleanupScheduler', 'QueueRecovery', 'CleanupService', 'InsightFinisher'].filter((p) =>
        registered(role).providers.includes(p),
      );
    expect(runs('all')).toEqual(['ScrapeRunner', 'CleanupScheduler', 'QueueRecovery', 'CleanupService', 'InsightFinisher']);
    expect(runs('api')).toEqual(['CleanupScheduler', 'QueueRecovery', 'CleanupService', 'InsightFinisher']);
    expect(runs('worker')).toEqual(['ScrapeRunner', 'QueueRecovery', 'InsightFinisher']);
    expect(runs('cleanup')).toEqual(['CleanupService']);
  });
});
