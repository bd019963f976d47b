import { ConfigError, loadConfig, redactUrl } from '../../../src/config/load-config';

describe('loadConfig', () => {
  it('has the documented defaults with an empty environment', () => {
    const c = loadConfig({}, []);
    expect(c.role).toBe('all');
    expect(c.port).toBe(5000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.database).toEqual({ type: 'sqlite', path: './data/stackviz.sqlite' });
    expect(c.redisUrl).toBeNull();
    expect(c.queuePrefix).toBe('stackviz');
    expect(c.gerritUrl).toBe('https://review.opendev.org');
    expect(c.zuulTenant).toBe('openstack');
    expect(c.ciUsernames).toEqual(['jenkins', 'zuul']);
    expect(c.workerConcurrency).toBe(4);
    expect(c.maxArtifactBytes).toBe(268435456);
    expect(c.fetchTimeoutMs).toBe(30000);
    expect(c.retentionDays).toBe(7);
    expect(c.cleanupCron).toBe('0 * * * *');
    expect(c.workerLockMs).toBe(30000);
    expect(c.artifactTimeoutMs).toBe(600000);
    expect(c.recoveryIntervalMs).toBe(60000);
    expect(c.shutdownGraceMs).toBe(25000);
    expect(c.rateLimitPerMinute).toBe(60);
    expect(c.trustProxy).toBe(false);
    expect(c.gerritHosts.allowsUrl('https://review.openstack.org/#/c/271726/')).toBe(true);
    expect(c.artifactHosts.allowsUrl('http://logs.openstack.org/26/271726/')).toBe(true);
    expect(c.artifactHosts.allowsUrl('https://storage.bhs.cloud.ovh.net/v1/x/')).toBe(true);
    expect(c.artifactHosts.allowsUrl('https://5d3.ssl.cf1.rackcdn.com/x/')).toBe(true);
    expect(c.artifactHosts.allowsUrl('https://evil.example.com/')).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, [], /PORT="abc" is not a whole number/],
    [{ PORT: '70000' }, [], /PORT=70000 is out of range/],
    [{ WORKER_CONCURRENCY: '-1' }, [], /WORKER_CONCURRENCY/],
    [{ RETENTION_DAYS: '0' }, [], /RETENTION_DAYS=0 is out of range/],
    [{ GERRIT_URL: 'not a url' }, [], /GERRIT_URL is not a valid URL/],
    [{ ZUUL_URL: 'ftp://zuul' }, [], /ZUUL_URL must be an http\(s\) URL/],
    [{ DATABASE_URL: 'postgres://x/y' }, [], /DATABASE_URL must start with mysql:\/\/ or sqlite:/],
    [{ REDIS_URL: 'localhost:6379' }, [], /REDIS_URL must look like redis:\/\//],
    [{ CLEANUP_CRON: 'hourly' }, [], /^CLEANUP_CRON="hourly" is not a valid cron expression: /],
    [
      { CLEANUP_CRON: '61 * * * *' },
      [],
      /^CLEANUP_CRON="61 \* \* \* \*" is not a valid cron expression: Field value \(61\) is out of range$/,
    ],
    [{ CLEANUP_CRON: '* * * *' }, [], /^CLEANUP_CRON="\* \* \* \*" is not a valid cron expression: Too few fields$/],
    [{ WORKER_LOCK_MS: '5s' }, [], /^WORKER_LOCK_MS="5s" is not a whole number$/],
    [{ WORKER_LOCK_MS: '500' }, [], /^WORKER_LOCK_MS=500 is out of range \(1000\.\./],
    [{ ARTIFACT_TIMEOUT_MS: '0' }, [], /^ARTIFACT_TIMEOUT_MS=0 is out of range/],
    [{ RECOVERY_INTERVAL_MS: '-5' }, [], /^RECOVERY_INTERVAL_MS="-5" is not a whole number$/],
    [{ SHUTDOWN_GRACE_MS: '1.5' }, [], /^SHUTDOWN_GRACE_MS="1.5" is not a whole number$/],
    [{ RATE_LIMIT_PER_MINUTE: '-5' }, [], /RATE_LIMIT_PER_MINUTE="-5" is not a whole number/],
    [{ RATE_LIMIT_PER_MINUTE: '60/min' }, [], /RATE_LIMIT_PER_MINUTE="60\/min" is not a whole number/],
    [{ TRUST_PROXY: 'nginx' }, [], /TRUST_PROXY="nginx": "nginx" is not an address or CIDR; use false, true, a number of proxy hops/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, [], /"10\.0\.0\.0\/33" is not an address or CIDR/],
    [{ TRUST_PROXY: '127.0.0.1,' }, [], /"" is not an address or CIDR/],
    [{}, ['--role=bogus'], /unknown role "bogus"/],
    [{}, ['--role=api'], /--role=api needs REDIS_URL/],
    [{}, ['--frobnicate'], /unknown argument "--frobnicate"/],
    [{ REDIS_URL: 'redis://r:6379/0' }, ['--role=watcher'], /^--role=watcher needs WATCH_PIPELINES/],
    [{ WATCH_PIPELINES: 'gate' }, ['--role=watcher'], /--role=watcher needs REDIS_URL/],
    [{ WATCH_INTERVAL_S: '1m' }, [], /^WATCH_INTERVAL_S="1m" is not a number of seconds$/],
    [{ WATCH_INTERVAL_S: '0' }, [], /^WATCH_INTERVAL_S=0 is too short/],
    [{ WATCH_MAX_PER_HOUR: '-1' }, [], /^WATCH_MAX_PER_HOUR="-1" is not a whole number$/],
    [{ REPORT_GERRIT: 'yes' }, [], /^REPORT_GERRIT must be off, on or dry-run/],
    [{ PUBLIC_URL: 'stackviz.example.org' }, [], /^PUBLIC_URL is not a valid URL/],
    [{ PUBLIC_URL: 'ftp://stackviz.example.org' }, [], /^PUBLIC_URL must be an http\(s\) URL$/],
    [{ PUBLIC_URL: 'https://example.org/stackviz' }, [], /^PUBLIC_URL must be an origin/],
    [{ PUBLIC_URL: 'https://example.org/?a=1' }, [], /^PUBLIC_URL must be an origin/],
    [{ PUBLIC_URL: 'https://example.org/#top' }, [], /^PUBLIC_URL must be an origin/],
    [{ REPORT_GERRIT: 'on', GERRIT_USER: 'bot', GERRIT_PASSWORD: 'pw' }, [], /^REPORT_GERRIT=on needs PUBLIC_URL/],
    [{ REPORT_GERRIT: 'on', PUBLIC_URL: 'https://s.example.org', GERRIT_PASSWORD: 'pw' }, [], /^REPORT_GERRIT=on needs GERRIT_USER/],
    [{ REPORT_GERRIT: 'on', PUBLIC_URL: 'https://s.example.org', GERRIT_USER: 'bot' }, [], /^REPORT_GERRIT=on needs GERRIT_PASSWORD/],
  ])('rejects %j %j with one clear line', (env, argv, message) => {
    expect(() => loadConfig(env as Record<string, string>, argv as string[])).toThrow(ConfigError);
    expect(() => loadConfig(env as Record<string, string>, argv as string[])).toThrow(message);
  });

  it('accepts cron expressions with seconds and aliases, and reads the timing variables', () => {
    const c = loadConfig(
      {
        CLEANUP_CRON: '*/5 * * * * *',
        WORKER_LOCK_MS: '1500',
        ARTIFACT_TIMEOUT_MS: '3000',
        RECOVERY_INTERVAL_MS: '2000',
        SHUTDOWN_GRACE_MS: '0',
      },
      [],
    );
    expect(c).toMatchObject({
      cleanupCron: '*/5 * * * * *',
      workerLockMs: 1500,
      artifactTimeoutMs: 3000,
      recoveryIntervalMs: 2000,
      shutdownGraceMs: 0,
    });
    expect(loadConfig({ CLEANUP_CRON: '@daily' }, []).cleanupCron).toBe('@daily');
  });

  it('never puts a database password in its error', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://stackviz:s3cret@' }, [])).toThrow(/stackviz:\*\*\*@/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://stackviz:s3cret@' }, [])).not.toThrow(/s3cret/);
    expect(redactUrl('redis://:hunter2@cache:6379/0')).toBe('redis://:***@cache:6379/0');
  });

  it('reads roles, dry run, mysql and host lists', () => {
    const c = loadConfig(
      {
        DATABASE_URL: 'mysql://u:p@db:3306/stackviz',
        REDIS_URL: 'redis://127.0.0.1:6379/0',
        ARTIFACT_HOSTS: '127.0.0.1:8080, *.example.org',
        CI_USERNAMES: 'Jenkins,zuul,elastic-recheck',
      },
      ['--role', 'cleanup', '--dry-run'],
    );
    expect(c.role).toBe('cleanup');
    expect(c.dryRun).toBe(true);
    expect(c.database).toEqual({ type: 'mysql', url: 'mysql://u:p@db:3306/stackviz' });
    expect(c.ciUsernames).toEqual(['jenkins', 'zuul', 'elastic-recheck']);
    expect(c.artifactHosts.allowsUrl('http://127.0.0.1:8080/x/')).toBe(true);
    expect(c.artifactHosts.allowsUrl('http://127.0.0.1:8081/x/')).toBe(false);
    expect(c.artifactHosts.allowsUrl('https://logs.example.org/x/')).toBe(true);
    expect(c.artifactHosts.allowsUrl('https://example.org/x/')).toBe(false);
  });

  it('reads RATE_LIMIT_PER_MINUTE (0 turns the limit off) and TRUST_PROXY', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }, []).rateLimitPerMinute).toBe(0);
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: ' 600 ' }, []).rateLimitPerMinute).toBe(600);
    const trust = (v: string) => loadConfig({ TRUST_PROXY: v }, []).trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('127.0.0.1, 10.0.0.0/8,::1,fd00::/8')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
  });

  it('reads the watcher and reporter settings, and keeps the Gerrit password out of its errors', () => {
    const off = loadConfig({}, []).watch;
    expect(off).toEqual({
      pipelines: null,
      projects: null,
      jobs: null,
      results: ['FAILURE'],
      intervalMs: 60000,
      maxPerHour: 600,
      sinceMinutes: 60,
      report: 'off',
      publicUrl: null,
      gerritUser: null,
      gerritPassword: null,
    });
    const on = loadConfig(
      {
        WATCH_PIPELINES: 'gate, check',
        WATCH_PROJECTS: 'openstack/*',
        WATCH_JOBS: 'tempest-*,nova-next',
        WATCH_RESULTS: 'failure,POST_FAILURE',
        WATCH_INTERVAL_S: '0.5',
        REPORT_GERRIT: 'dry-run',
        PUBLIC_URL: 'https://stackviz.example.org/',
        GERRIT_USER: 'stackviz-bot',
        GERRIT_PASSWORD: 's3cret/pw',
      },
      [],
    ).watch;
    expect(on).toMatchObject({
      pipelines: ['gate', 'check'],
      projects: ['openstack/*'],
      jobs: ['tempest-*', 'nova-next'],
      results: ['FAILURE', 'POST_FAILURE'],
      intervalMs: 500,
      report: 'dry-run',
      publicUrl: 'https://stackviz.example.org',
      gerritPassword: 's3cret/pw',
    });
    try {
      loadConfig({ REPORT_GERRIT: 'on', GERRIT_USER: 'bot', GERRIT_PASSWORD: 's3cret/pw', PUBLIC_URL: 'https://bot:s3cret@x.org/p' }, []);
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cret');
    }
    expect.assertions(3);
  });
});
