import { loadConfig } from '../../../src/config/load-config';
import { BUILDS_LIMIT, ZuulClient } from '../../../src/gerrit/zuul-client';
import { FakeUpstream } from '../../fake-upstream/fake-json-server';
import { startFakeZuul, ZuulBuildRecord } from '../../fake-upstream/fake-zuul';

/** `n` finished builds of change 123470 patch set 1, in Zuul ≥ 10's shape. */
function builds(n: number): ZuulBuildRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    _id: i + 1,
    uuid: i.toString(16).padStart(32, '0'),
    job_name: `cross-job-${i % 240}`,
    result: i % 7 === 0 ? 'RETRY' : 'SUCCESS',
    final: i % 7 !== 0,
    log_url: null,
    pipeline: 'check',
    buildset: { uuid: 'b'.repeat(32) },
    ref: { project: 'openstack/requirements', branch: 'master', change: 123470, patchset: '1' },
  }));
}

describe('ZuulClient.builds', () => {
  let zuul: FakeUpstream;
  const client = () => new ZuulClient(loadConfig({ ZUUL_URL: zuul.url, UPSTREAM_CACHE_SECONDS: '0' }, []));

  afterEach(() => zuul?.close());

  it('asks once when the patch set has fewer builds than a page, RETRY ones included and marked', async () => {
    zuul = await startFakeZuul({ tenant: 'openstack', builds: builds(300), buildsets: [] });
    const answer = await client().builds('openstack', { change: 123470, patchset: 1 });
    expect(zuul.requests.map((r) => r.path)).toEqual(['/api/tenant/openstack/builds?change=123470&patchset=1&limit=1000']);
    expect(answer).toHaveLength(300);
    expect(answer.filter((b) => !b.final).every((b) => b.result === 'RETRY')).toBe(true);
    expect(answer.filter((b) => !b.final)).toHaveLength(43);
  });

  it('pages on when a page comes back full, so a much-rechecked patch set loses no build', async () => {
    zuul = await startFakeZuul({ tenant: 'openstack', builds: builds(2 * BUILDS_LIMIT + 5), buildsets: [] });
    const answer = await client().builds('openstack', { change: 123470, patchset: 1, pipeline: 'check' });
    expect(zuul.requests.map((r) => r.path)).toEqual([
      '/api/tenant/openstack/builds?change=123470&patchset=1&pipeline=check&limit=1000',
      '/api/tenant/openstack/builds?change=123470&patchset=1&pipeline=check&limit=1000&skip=1000',
      '/api/tenant/openstack/builds?change=123470&patchset=1&pipeline=check&limit=1000&skip=2000',
    ]);
    expect(new Set(answer.map((b) => b.uuid)).size).toBe(2 * BUILDS_LIMIT + 5);
    expect(answer[0].uuid).toBe((2 * BUILDS_LIMIT + 4).toString(16).padStart(32, '0'));
  });
});
