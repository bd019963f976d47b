import { CronTime } from 'cron';
import { isIP } from 'node:net';
import { AppConfig, DatabaseConfig, ReportMode, Role, ROLES, TrustProxy, WatchConfig } from './app-config';
import { HostList } from './host-list';

/** A configuration mistake: its message is the one line printed before the process exits. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** OpenDev's Swift log containers (Rackspace CDN, OVH object storage) besides *.opendev.org. */
const OPENDEV_LOG_STORAGE = ['*.opendev.org', '*.rackcdn.com', '*.cloud.ovh.net'];

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name}=${JSON.stringify(raw)} is not a whole number`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new ConfigError(`${name}=${n} is out of range (${min}..${max})`);
  return n;
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = str(env, name, fallback);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: ${redactUrl(raw)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL`);
  return raw.replace(/\/+$/, '');
}

function hostList(name: string, entries: string[]): HostList {
  try {
    return new HostList(entries.filter((e) => e.trim() !== ''));
  } catch (e) {
    throw new ConfigError(`${name}: ${(e as Error).message}`);
  }
}

/** A cron expression the scheduler will accept: CronTime checks every field's range, not just the count. */
function cron(env: Env, name: string, fallback: string): string {
  const expression = str(env, name, fallback);
  try {
    new CronTime(expression);
  } catch (e) {
    throw new ConfigError(`${name}=${JSON.stringify(expression)} is not a valid cron expression: ${(e as Error).message}`);
  }
  return expression;
}

function list(env: Env, name: string): string[] | null {
  const v = env[name];
  return v === undefined || v.trim() === ''
    ? null
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

/** Replaces the password of a URL so it can be logged or printed. */
export function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]*):([^@/]*)@/, '//$1:***@');
}

function database(env: Env): DatabaseConfig {
  const raw = str(env, 'DATABASE_URL', 'sqlite:./data/stackviz.sqlite');
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new ConfigError('DATABASE_URL=sqlite: needs a path, e.g. sqlite:./data/stackviz.sqlite');
    return { type: 'sqlite', path };
  }
  if (/^(mysql|mariadb):\/\//.test(raw)) {
    try {
      const u = new URL(raw);
      if (!u.hostname || u.pathname.length < 2) throw new Error();
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid mysql://user:pass@host:3306/db URL: ${redactUrl(raw)}`);
    }
    return { type: 'mysql', url: raw.replace(/^mariadb:/, 'mysql:') };
  }
  throw new ConfigError(`DATABASE_URL must start with mysql:// or sqlite: (got ${redactUrl(raw)})`);
}

/** TRUST_PROXY: off (default), `true`, a number of proxy hops, or proxy addresses / CIDRs. */
function trustProxy(env: Env): TrustProxy {
  const raw = str(env, 'TRUST_PROXY', 'false');
  if (/^(false|off|no)$/i.test(raw)) return false;
  if (/^(true|on|yes)$/i.test(raw)) return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((e) => e.trim());
  const valid = (e: string) => {
    const [addr, bits, ...rest] = e.split('/');
    const family = isIP(addr);
    if (!family || rest.length) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  };
  const bad = entries.find((e) => !valid(e));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY=${JSON.stringify(raw)}: ${JSON.stringify(bad)} is not an address or CIDR; use false, true, a number of proxy hops, or addresses such as 127.0.0.1,10.0.0.0/8`,
    );
  }
  return entries;
}

/** A whole or fractional number of seconds (fractions let tests poll fast), as milliseconds. */
function seconds(env: Env, name: string, fallback: number): number {
  const raw = str(env, name, String(fallback));
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new ConfigError(`${name}=${JSON.stringify(raw)} is not a number of seconds`);
  const ms = Math.round(Number(raw) * 1000);
  if (ms < 100) throw new ConfigError(`${name}=${raw} is too short (at least 0.1)`);
  return ms;
}

/** PUBLIC_URL: an absolute http(s) origin, no path, query or fragment (a trailing slash is dropped). */
function publicUrl(env: Env): string | null {
  const raw = str(env, 'PUBLIC_URL', '');
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL is not a valid URL: ${redactUrl(raw)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConfigError('PUBLIC_URL must be an http(s) URL');
  if (u.username || u.password || u.pathname !== '/' || u.search || u.hash || /[?#]/.test(raw)) {
    throw new ConfigError(
      `PUBLIC_URL must be an origin such as https://stackviz.example.org, without path, query or fragment (got ${redactUrl(raw)})`,
    );
  }
  return u.origin;
}

function watch(env: Env, role: Role): WatchConfig {
  const pipelines = list(env, 'WATCH_PIPELINES');
  if (role === 'watcher' && !pipelines) throw new ConfigError('--role=watcher needs WATCH_PIPELINES, e.g. WATCH_PIPELINES=gate,check');
  const report = str(env, 'REPORT_GERRIT', 'off');
  if (!['off', 'on', 'dry-run'].includes(report))
    throw new ConfigError(`REPORT_GERRIT must be off, on or dry-run (got ${JSON.stringify(report)})`);
  const config: WatchConfig = {
    pipelines,
    projects: list(env, 'WATCH_PROJECTS'),
    jobs: list(env, 'WATCH_JOBS'),
    results: (list(env, 'WATCH_RESULTS') ?? ['FAILURE']).map((r) => r.toUpperCase()),
    intervalMs: seconds(env, 'WATCH_INTERVAL_S', 60),
    maxPerHour: int(env, 'WATCH_MAX_PER_HOUR', 600, 0),
    sinceMinutes: int(env, 'WATCH_SINCE_MINUTES', 60, 0),
    report: report as ReportMode,
    publicUrl: publicUrl(env),
    gerritUser: str(env, 'GERRIT_USER', '') || null,
    gerritPassword: env.GERRIT_PASSWORD ? env.GERRIT_PASSWORD : null,
  };
  if (config.report === 'on') {
    if (!config.publicUrl) throw new ConfigError('REPORT_GERRIT=on needs PUBLIC_URL, the origin the posted links point to');
    if (!config.gerritUser) throw new ConfigError('REPORT_GERRIT=on needs GERRIT_USER, the Gerrit account that posts');
    if (!config.gerritPassword) throw new ConfigError("REPORT_GERRIT=on needs GERRIT_PASSWORD, that account's HTTP password");
  }
  return config;
}

function parseArgs(argv: string[]): { role: Role; dryRun: boolean } {
  let role: Role = 'all';
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--role' || arg.startsWith('--role=')) {
      const value = arg === '--role' ? argv[++i] : arg.slice('--role='.length);
      if (!ROLES.includes(value as Role)) {
        throw new ConfigError(`unknown role "${value ?? ''}": use --role=${ROLES.join('|')}`);
      }
      role = value as Role;
    } else throw new ConfigError(`unknown argument "${arg}": use --role=${ROLES.join('|')} [--dry-run]`);
  }
  return { role, dryRun };
}

/** Reads and validates the environment and command line: the roles and the variables the README lists. */
export function loadConfig(env: Env = process.env, argv: string[] = process.argv.slice(2)): AppConfig {
  const { role, dryRun } = parseArgs(argv);
  const gerritUrl = httpUrl(env, 'GERRIT_URL', 'https://review.opendev.org');
  const zuulUrl = httpUrl(env, 'ZUUL_URL', 'https://zuul.opendev.org');
  const legacyLogsUrl = httpUrl(env, 'LEGACY_LOGS_URL', 'http://logs.openstack.org');
  const redisRaw = str(env, 'REDIS_URL', '');
  if (redisRaw && !/^rediss?:\/\/[^/]/.test(redisRaw)) {
    throw new ConfigError(`REDIS_URL must look like redis://host:6379/0 (got ${redactUrl(redisRaw)})`);
  }
  if (!redisRaw && (role === 'api' || role === 'worker' || role === 'watcher')) {
    throw new ConfigError(`--role=${role} needs REDIS_URL: separate api, worker and watcher processes share work through Redis`);
  }
  const host = (u: string) => new URL(u).host;
  const logFormat = str(env, 'LOG_FORMAT', env.NODE_ENV === 'production' ? 'json' : 'pretty');
  if (logFormat !== 'json' && logFormat !== 'pretty') throw new ConfigError('LOG_FORMAT must be json or pretty');
  const logLevel = str(env, 'LOG_LEVEL', 'info');
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new ConfigError('LOG_LEVEL must be debug, info, warn or error');
  const cleanupCron = cron(env, 'CLEANUP_CRON', '0 * * * *');
  return {
    role,
    dryRun,
    port: int(env, 'PORT', 5000, 0, 65535),
    host: str(env, 'HOST', '0.0.0.0'),
    database: database(env),
    redisUrl: redisRaw || null,
    queuePrefix: str(env, 'QUEUE_PREFIX', 'stackviz'),
    gerritUrl,
    gerritHosts: hostList('GERRIT_HOSTS', list(env, 'GERRIT_HOSTS') ?? ['review.opendev.org', 'review.openstack.org', host(gerritUrl)]),
    zuulUrl,
    zuulTenant: str(env, 'ZUUL_TENANT', 'openstack'),
    legacyLogsUrl,
    ciUsernames: (list(env, 'CI_USERNAMES') ?? ['jenkins', 'zuul']).map((u) => u.toLowerCase()),
    artifactHosts: hostList('ARTIFACT_HOSTS', list(env, 'ARTIFACT_HOSTS') ?? [host(legacyLogsUrl), host(zuulUrl), ...OPENDEV_LOG_STORAGE]),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 4, 1, 256),
    maxArtifactBytes: int(env, 'MAX_ARTIFACT_BYTES', 268435456, 1),
    fetchTimeoutMs: int(env, 'FETCH_TIMEOUT_MS', 30000, 1),
    retentionDays: int(env, 'RETENTION_DAYS', 7, 1),
    failureHistoryDays: int(env, 'FAILURE_HISTORY_DAYS', 90, 1, 3650),
    adminToken: env.ADMIN_TOKEN?.trim() || null,
    cleanupCron,
    watch: watch(env, role),
    upstreamCacheSeconds: int(env, 'UPSTREAM_CACHE_SECONDS', 30, 0),
    stuckAfterMs: int(env, 'STUCK_AFTER_MS', 30 * 60 * 1000, 1),
    workerLockMs: int(env, 'WORKER_LOCK_MS', 30000, 1000),
    artifactTimeoutMs: int(env, 'ARTIFACT_TIMEOUT_MS', 10 * 60 * 1000, 1000),
    recoveryIntervalMs: int(env, 'RECOVERY_INTERVAL_MS', 60 * 1000, 1000),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 25000, 0),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 60, 0, 1_000_000),
    trustProxy: trustProxy(env),
    logFormat,
    logLevel: logLevel as AppConfig['logLevel'],
  };
}
