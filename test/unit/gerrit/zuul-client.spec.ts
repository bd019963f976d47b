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

describe("ZuulClient: a build's branch", () => {
  let zuul: FakeUpstream;
  const client = () => new ZuulClient(loadConfig({ ZUUL_URL: zuul.url, UPSTREAM_CACHE_SECONDS: '0' }, []));
  const NESTED = 'a'.repeat(32);
  const FLAT = 'f'.repeat(32);

  beforeAll(async () => {
    const [nested] = builds(1);
    zuul = await startFakeZuul({
      tenant: 'openstack',
      builds: [
        {
          ...nested,
          uuid: NESTED,
          result: 'SUCCESS',
          final: true,
          ref: { project: 'openstack/nova', branch: 'stable/2024.1', change: 1, patchset: '2' },
        },
        // an older Zuul: the change fields at the top level, `ref` a string
        {
          _id: 2,
          uuid: FLAT,
          job_name: 'tox-py27',
          result: 'SUCCESS',
          log_url: null,
          pipeline: 'periodic',
          project: 'openstack/neutron',
          branch: 'stable/queens',
          ref: 'refs/heads/stable/queens',
        },
      ],
      buildsets: [
        {
          uuid: 'b'.repeat(32),
          pipeline: 'check',
          result: 'SUCCESS',
          refs: [{ project: 'openstack/nova', branch: 'stable/2024.1', change: 1, patchset: '2' }],
          builds: [NESTED],
        },
        // an older Zuul's buildset: its builds nested without their change fields, which it holds
        {
          uuid: 'c'.repeat(32),
          pipeline: 'periodic',
          result: 'SUCCESS',
          project: 'openstack/neutron',
          branch: 'stable/queens',
          builds: [FLAT],
        },
      ],
    });
  });
  afterAll(() => zuul?.close());

  it("reads it from Zuul ≥ 10's ref and from an older Zuul's top level", async () => {
    expect((await client().build('openstack', NESTED)).branch).toBe('stable/2024.1');
    expect((await client().build('openstack', FLAT)).branch).toBe('stable/queens');
  });

  it("gives the builds nested in a buildset the buildset's own when they leave it out", async () => {
    expect((await client().buildset('openstack', 'b'.repeat(32))).builds.map((b) => b.branch)).toEqual(['stable/2024.1']);
    expect((await client().buildset('openstack', 'c'.repeat(32))).builds.map((b) => b.branch)).toEqual(['stable/queens']);
  });
});
