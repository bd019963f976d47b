import { HostList } from './host-list';

export type Role = 'all' | 'api' | 'worker' | 'cleanup' | 'watcher';
export const ROLES: readonly Role[] = ['all', 'api', 'worker', 'cleanup', 'watcher'];

/** REPORT_GERRIT: post reviews, log their bodies instead, or neither. */
export type ReportMode = 'off' | 'on' | 'dry-run';

/** What the watcher follows on Zuul and how it reports (docs/operations.md). */
export interface WatchConfig {
  /** WATCH_PIPELINES; null: the watcher is off. */
  pipelines: string[] | null;
  /** WATCH_PROJECTS / WATCH_JOBS: `*` globs; null: all. */
  projects: string[] | null;
  jobs: string[] | null;
  results: string[];
  intervalMs: number;
  maxPerHour: number;
  sinceMinutes: number;
  report: ReportMode;
  /** PUBLIC_URL without a trailing slash; null when unset. */
  publicUrl: string | null;
  gerritUser: string | null;
  /** Never logged: only the reporter's Authorization header reads it. */
  gerritPassword: string | null;
}

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'mysql'; url: string };

/** Everything the service reads from its environment, validated once at start-up. */
export interface AppConfig {
  role: Role;
  dryRun: boolean;
  port: number;
  host: string;
  database: DatabaseConfig;
  redisUrl: string | null;
  queuePrefix: string;
  gerritUrl: string;
  gerritHosts: HostList;
  zuulUrl: string;
  zuulTenant: string;
  legacyLogsUrl: string;
  ciUsernames: string[];
  artifactHosts: HostList;
  workerConcurrency: number;
  maxArtifactBytes: number;
  fetchTimeoutMs: number;
  retentionDays: number;
  /** How long failure occurrences are kept (days), and the widest window the failure endpoints accept. */
  failureHistoryDays: number;
  /** The bearer token that failure rule writes need; null: rule writes are refused. Never logged. */
  adminToken: string | null;
  cleanupCron: string;
  watch: WatchConfig;
  /** How long a Gerrit/Zuul answer is reused by /list (seconds; 0 disables). */
  upstreamCacheSeconds: number;
  /** Requests a minute one client may make to the limited endpoints (src/http/rate-limit.ts); 0: no limit. */
  rateLimitPerMinute: number;
  /**
   * Which proxies' X-Forwarded-For to believe when telling clients apart: false (none: the client is
   * the socket's peer), true (any: the first hop is the client), a number of hops, or proxy addresses.
   */
  trustProxy: TrustProxy;
  /** A `running` task with no progress for this long is considered stuck. */
  stuckAfterMs: number;
  /**
   * BullMQ's job lock, also how often a worker looks for stalled jobs: a killed worker's job is
   * picked up by another within about twice this.
   */
  workerLockMs: number;
  /** Total time one artifact's download may take, however steadily bytes arrive. */
  artifactTimeoutMs: number;
  /** How often queued tasks missing from the queue (e.g. after Redis lost its data) are enqueued again. */
  recoveryIntervalMs: number;
  /** After SIGTERM, how long jobs and requests in flight may take before jobs are handed back and the process exits. */
  shutdownGraceMs: number;
  logFormat: 'json' | 'pretty';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export type TrustProxy = boolean | number | string[];

export const APP_CONFIG = Symbol('APP_CONFIG');
