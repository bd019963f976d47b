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
    [{ CLEANUP_CRON: 'hourly' }, [], /CLEANUP_CRON/],
    [{ RATE_LIMIT_PER_MINUTE: '-5' }, [], /RATE_LIMIT_PER_MINUTE="-5" is not a whole number/],
    [{ RATE_LIMIT_PER_MINUTE: '60/min' }, [], /RATE_LIMIT_PER_MINUTE="60\/min" is not a whole number/],
    [{ TRUST_PROXY: 'nginx' }, [], /TRUST_PROXY="nginx": "nginx" is not an address or CIDR; use false, true, a number of proxy hops/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, [], /"10\.0\.0\.0\/33" is not an address or CIDR/],
    [{ TRUST_PROXY: '127.0.0.1,' }, [], /"" is not an address or CIDR/],
    [{}, ['--role=bogus'], /unknown role "bogus"/],
    [{}, ['--role=api'], /--role=api needs REDIS_URL/],
    [{}, ['--frobnicate'], /unknown argument "--frobnicate"/],
  ])('rejects %j %j with one clear line', (env, argv, message) => {
    expect(() => loadConfig(env as Record<string, string>, argv as string[])).toThrow(ConfigError);
    expect(() => loadConfig(env as Record<string, string>, argv as string[])).toThrow(message);
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
});
