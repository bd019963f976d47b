import type { AppConfig } from './app-config';

/**
 * What a process runs, decided from its role (README, "Roles") in this one place: every module
 * setup, main.ts and the bootstrap read these flags, never the role itself.
 */
export interface RoleRuns {
  /** The HTTP API and the UI, every controller included: api, all. */
  servesHttp: boolean;
  /** Scrape jobs, as the queue's consumer (the in-process queue's, without Redis): worker, all. */
  runsJobs: boolean;
  /** The cleanup pass on CLEANUP_CRON: api, all. */
  runsSchedule: boolean;
  /** One cleanup pass, its summary on stdout, then exit: cleanup. */
  runsCleanupOnce: boolean;
  /**
   * Stays up to serve or work (every role but the one-shot cleanup): re-enqueues the tasks whose job
   * the queue lost, and finishes flake insights whose runs have ended.
   */
  staysUp: boolean;
  /** Follows Zuul for failed builds, starts their triage and insight, reports them: watcher, and all when WATCH_PIPELINES is set. */
  runsWatcher: boolean;
}

export function roleRuns(config: Pick<AppConfig, 'role'> & { watch?: Pick<AppConfig['watch'], 'pipelines'> }): RoleRuns {
  const { role } = config;
  return {
    servesHttp: role === 'all' || role === 'api',
    runsJobs: role === 'all' || role === 'worker',
    runsSchedule: role === 'all' || role === 'api',
    runsCleanupOnce: role === 'cleanup',
    staysUp: role !== 'cleanup',
    runsWatcher: role === 'watcher' || (role === 'all' && !!config.watch?.pipelines),
  };
}
