import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FakeUpstream, startFakeUpstream, textAnswer } from '../fake-upstream/fake-json-server';
import { BAR_BUILD, BAR_ZUUL, FixtureBases, THIRD_PARTY_LOGS } from '../fake-upstream/data/fixture-bases';
import { BuildsetSpec, finalBuild, MERGE_CONFLICT_MESSAGE, NOVA_BUILDSETS, REF_BUILDSETS } from '../fake-upstream/data/zuul-builds';
import { JOB_ENTRY_FIELDS } from '../../src/api-shapes';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson } from './harness';
import { ListUpstream, startListUpstream } from './list-upstream';

const run = promisify(execFile);

/** An entry's fields in order; `latest` and `retried` are only in a run history (`history: true`). */
const ENTRY_KEYS = JOB_ENTRY_FIELDS.filter((f) => f !== 'latest' && f !== 'retried');
const SCRAPABLE = { scrapable: true, unscrapable_reason: null, error_detail: null };
const STACKVIZ_SUBJECT = 'Add nprogress progress bars to timeline and test-details.';
const NOVA_SUBJECT = 'libvirt: Add support for virtio-sound devices';
const TIMEOUT_MS = 1500;
const { ps3check, ps3recheck, ps3gate } = NOVA_BUILDSETS;

describe(`POST /list (${BACKEND})`, () => {
  let up: ListUpstream;
  let gerrit: FakeUpstream;
  let zuul: FakeUpstream;
  let legacyLogs: FakeUpstream;
  let bases: FixtureBases;
  let s: BootedApp;

  const list = (q: unknown) => up.list(q);
  const since = (upstream: FakeUpstream, before: number) => up.since(upstream, before);
  const L = () => bases.legacyLogsUrl;
  const A = () => bases.artifactUrl;
  /** The first entry of change 271726 (its newest patch set's pep8 job, reported by Jenkins). */
  const stackvizPep8 = () => ({
    change_id: 271726,
    change_project: 'openstack/stackviz',
    change_subject: STACKVIZ_SUBJECT,
    ci_username: 'jenkins',
    name: 'gate-stackviz-pep8',
    pipeline: 'check',
    revision: 2,
    status: 'SUCCESS',
    url: `${L()}/26/271726/2/check/gate-stackviz-pep8/7c374a7/`,
  });
  /** The entries as [pipeline, name, status, …picked fields], for compact expectations. */
  const rows = (results: any[], ...fields: string[]) => results.map((e) => [e.pipeline, e.name, e.status, ...fields.map((f) => e[f])]);

  beforeAll(async () => {
    up = await startListUpstream(TIMEOUT_MS);
    ({ gerrit, zuul, legacyLogs, bases, app: s } = up);
  });

  afterAll(() => up?.close());

  afterEach(() => {
    gerrit.setMode('ok');
    zuul.setMode('ok');
  });

  describe('a change number', () => {
    it('lists the newest patch set with CI results, the latest run of each job, every field present', async () => {
      const res = await list('271726');
      expect(res.status).toBe(200);
      const results = res.body.results as Record<string, unknown>[];
      for (const entry of results) {
        expect(Object.keys(entry)).toEqual(ENTRY_KEYS);
        expect(entry.url).toMatch(/\/$/);
      }
      // The last message is a late result on patch set 1: comment order does not decide.
      expect(new Set(results.map((e) => e.revision))).toEqual(new Set([2]));
      expect(results[0]).toEqual({
        ...stackvizPep8(),
        build_uuid: null,
        voting: true,
        duration: 62,
        finished_at: null,
        branch: 'master',
        ...SCRAPABLE,
      });
      expect(results.map((e) => [e.pipeline, e.name, e.status, e.voting, (e.url as string).split('/').at(-2)])).toEqual([
        ['check', 'gate-stackviz-pep8', 'SUCCESS', true, '7c374a7'],
        // the recheck's result replaced the FAILURE of the first run (6d5e4f3)
        ['check', 'gate-stackviz-python27', 'SUCCESS', true, '1b2c3d4'],
        ['check', 'gate-stackviz-python34', 'SUCCESS', true, '2c3d4e5'],
        ['check', 'gate-stackviz-docs', 'SUCCESS', true, '0d0c5e1'],
        ['check', 'gate-tempest-dsvm-full', 'SUCCESS', false, 'abc1234'],
        ['check', 'gate-stackviz-npm-run-test', 'FAILURE', false, '4e5f6a7'],
        ['check', 'gate-tempest-dsvm-neutron-full', 'SUCCESS', false, '0a1b2c3'],
        ['gate', 'gate-stackviz-pep8', 'SUCCESS', true, '8f9a0b1'],
        ['gate', 'gate-stackviz-python27', 'SUCCESS', true, '937cf7b'],
        ['gate', 'gate-stackviz-python34', 'SUCCESS', true, '9b8c7d6'],
        ['gate', 'gate-stackviz-docs', 'SUCCESS', true, 'e5f6a7b'],
        ['gate', 'gate-tempest-dsvm-full', 'SUCCESS', true, 'def5678'],
      ]);
    });

    it('accepts q as a number, and trims whitespace', async () => {
      const asString = await list('271726');
      const asNumber = await list(271726);
      const padded = await list('  271726 \n');
      expect(asNumber.status).toBe(200);
      expect(asNumber.body).toEqual(asString.body);
      expect(padded.body).toEqual(asString.body);
    });

    it('lists third-party CIs too (names ending in " CI")', async () => {
      const res = await list(269624);
      expect(res.status).toBe(200);
      expect(res.body.results.map((e: any) => [e.ci_username, e.name])).toEqual([
        ['jenkins', 'gate-cinder-pep8'],
        ['jenkins', 'gate-cinder-python27'],
        ['jenkins', 'gate-tempest-dsvm-full'],
        ['jenkins', 'gate-tempest-dsvm-neutron-full'],
        ['jenkins', 'gate-cinder-python34'],
        ['emc-scaleio-ci', 'dsvm-tempest-full-scaleio'],
      ]);
      expect(res.body.results[2]).toMatchObject({
        change_id: 269624,
        change_project: 'openstack/cinder',
        change_subject: 'Support for consistency groups in ScaleIO driver',
        revision: 19,
        pipeline: 'check',
        status: 'SUCCESS',
        url: `${L()}/24/269624/19/check/gate-tempest-dsvm-full/84f9b4a/`,
      });
      expect(res.body.results[5]).toMatchObject({
        pipeline: null,
        duration: 5480,
        url: `${THIRD_PARTY_LOGS}/24/269624/19/dsvm-tempest-full-scaleio/51/`,
        scrapable: false,
        unscrapable_reason: expect.stringMatching(/^ci\.foo\.example is not a log server this service fetches from/),
      });
    });
  });

  describe('a change and patch set', () => {
    it.each(['271726,1', '271726/1'])('%s lists that patch set', async (q) => {
      const res = await list(q);
      expect(res.status).toBe(200);
      expect(res.body.results.map((e: any) => [e.revision, e.pipeline, e.name, e.status])).toEqual([
        [1, 'check', 'gate-stackviz-pep8', 'FAILURE'],
        [1, 'check', 'gate-stackviz-python27', 'SUCCESS'],
        [1, 'check', 'gate-stackviz-python34', 'SUCCESS'],
        [1, 'check', 'gate-stackviz-docs', 'SUCCESS'],
        [1, 'check', 'gate-stackviz-npm-run-test', 'SUCCESS'],
        [1, 'experimental', 'gate-stackviz-dsvm-integration', 'SUCCESS'],
      ]);
    });

    it('an existing patch set without results is an empty list; one the change does not have is 404', async () => {
      expect(await list('123456,4')).toMatchObject({ status: 200, body: { results: [] } });
      const missing = await list('271726,7');
      expect(missing.status).toBe(404);
      expect(missing.body.message).toMatch(/271726 has no patch set 7/);
    });
  });

  describe('Gerrit URLs, on any GERRIT_HOSTS host, looked up at GERRIT_URL', () => {
    it.each([
      ['https://review.openstack.org/#/c/271726/', '271726'],
      ['https://review.openstack.org/#/c/271726/2', '271726,2'],
      ['https://review.openstack.org/#/c/271726/1/stackviz/static/js/timeline.js', '271726,1'],
      ['https://review.opendev.org/c/openstack/stackviz/+/271726', '271726'],
      ['https://review.opendev.org/c/openstack/stackviz/+/271726/1', '271726,1'],
      ['https://review.opendev.org/c/openstack/nova/+/123456/2/nova/virt/libvirt/driver.py', '123456,2'],
      ['https://review.opendev.org/c/123456/2', '123456,2'],
      ['https://review.opendev.org/123456', '123456'],
      ['GERRIT/c/openstack/nova/+/123456/3', '123456,3'],
      ['GERRIT/#/c/269624/19', '269624,19'],
    ])('%s lists the same as %s', async (url, same) => {
      const res = await list(url.replace('GERRIT', gerrit.url));
      expect(res.status).toBe(200);
      expect(res.body.results.length).toBeGreaterThan(0);
      expect(res.body).toEqual((await list(same)).body);
    });
  });

  describe('modern Zuul comments', () => {
    it('lists every CI result of the patch set with ONE builds query, not one per job', async () => {
      const before = zuul.requests.length;
      const res = await list('123456');
      expect(res.status).toBe(200);
      expect(since(zuul, before)).toEqual(['/api/tenant/openstack/builds?change=123456&patchset=3&limit=1000']);
      // Patch set 4 ended in a merge conflict (no jobs); 3 ran check twice (the recheck wins) and gate.
      // Jobs that left no logs and third-party results are entries too, marked unscrapable.
      const uuid = (set: BuildsetSpec, job: string) => finalBuild(set, job).uuid;
      expect(res.body.results.map((e: any) => [e.ci_username, e.pipeline, e.name, e.status, e.build_uuid, e.voting, e.scrapable])).toEqual([
        ['zuul', 'check', 'openstack-tox-pep8', 'SUCCESS', uuid(ps3recheck, 'openstack-tox-pep8'), true, true],
        ['zuul', 'check', 'openstack-tox-py311', 'SUCCESS', uuid(ps3recheck, 'openstack-tox-py311'), true, true],
        ['zuul', 'check', 'tempest-full-py3', 'SUCCESS', uuid(ps3recheck, 'tempest-full-py3'), true, true],
        ['zuul', 'check', 'nova-next', 'POST_FAILURE', uuid(ps3recheck, 'nova-next'), false, true],
        ['zuul', 'check', 'nova-grenade-multinode', 'SKIPPED', uuid(ps3recheck, 'nova-grenade-multinode'), true, false],
        ['zuul', 'check', 'nova-multi-cell', 'SUCCESS', uuid(ps3recheck, 'nova-multi-cell'), true, true],
        ['foo-ci', 'check', 'foo-tempest-dsvm', 'SUCCESS', null, true, false],
        ['bar-ci', 'check', 'bar-tempest-ceph', 'SUCCESS', null, true, false],
        ['zuul', 'gate', 'openstack-tox-pep8', 'SUCCESS', uuid(ps3gate, 'openstack-tox-pep8'), true, true],
        ['zuul', 'gate', 'tempest-full-py3', 'TIMED_OUT', uuid(ps3gate, 'tempest-full-py3'), true, true],
        ['zuul', 'gate', 'nova-ceph-multistore', 'ERROR', uuid(ps3gate, 'nova-ceph-multistore'), true, false],
        ['zuul', 'gate', 'nova-lvm', 'RETRY_LIMIT', uuid(ps3gate, 'nova-lvm'), true, false],
      ]);
      expect(res.body.results[2]).toEqual({
        change_id: 123456,
        change_project: 'openstack/nova',
        change_subject: NOVA_SUBJECT,
        ci_username: 'zuul',
        name: 'tempest-full-py3',
        pipeline: 'check',
        revision: 3,
        status: 'SUCCESS',
        url: `${A()}/95/123456/3/check/tempest-full-py3/5f0c1a2/`,
        build_uuid: '5f0c1a2e9d8c47b6a5f4e3d2c1b0a998',
        voting: true,
        duration: 6067,
        finished_at: '2024-02-14T03:46:58.000Z',
        branch: 'master',
        ...SCRAPABLE,
      });
    });

    it('lists a voting ERROR with the reason its report gave, and no logs', async () => {
      const { body } = await list('123456');
      expect(body.results.find((e: any) => e.name === 'nova-ceph-multistore')).toEqual({
        change_id: 123456,
        change_project: 'openstack/nova',
        change_subject: NOVA_SUBJECT,
        ci_username: 'zuul',
        name: 'nova-ceph-multistore',
        pipeline: 'gate',
        revision: 3,
        status: 'ERROR',
        url: null,
        build_uuid: 'f9a0b1c2d3e44f5a6b7c8d9e0f1a2b3c',
        voting: true,
        duration: null,
        finished_at: null,
        branch: 'master',
        scrapable: false,
        unscrapable_reason: 'Zuul could not run this job (ERROR), so it left no logs',
        error_detail: 'Project openstack/devstack-plugin-ceph does not have the default branch master',
      });
    });

    it('lists a SKIPPED job (no time on its line) and a build whose log_url is null, each saying why there are no logs', async () => {
      const { body } = await list('123456');
      const skipped = body.results.find((e: any) => e.name === 'nova-grenade-multinode');
      expect(skipped).toMatchObject({
        status: 'SKIPPED',
        url: null,
        duration: null,
        finished_at: null,
        scrapable: false,
        error_detail: null,
      });
      expect(skipped.unscrapable_reason).toBe('Zuul skipped this job (it never ran), so there are no logs');
      // Two RETRY attempts and the final RETRY_LIMIT build: none uploaded logs.
      expect(body.results.filter((e: any) => e.name === 'nova-lvm')).toEqual([
        expect.objectContaining({
          status: 'RETRY_LIMIT',
          url: null,
          duration: 131,
          finished_at: '2024-02-14T10:05:23.000Z',
          scrapable: false,
          unscrapable_reason: 'every attempt of this build failed before it uploaded logs (RETRY_LIMIT)',
        }),
      ]);
    });

    it("marks a third-party CI's own log server unscrapable in /scrape's words, and /scrape does refuse it", async () => {
      const { body } = await list('123456');
      const foo = body.results.find((e: any) => e.ci_username === 'foo-ci');
      expect(foo).toMatchObject({
        url: `${THIRD_PARTY_LOGS}/56/123456/3/check/foo-tempest-dsvm/7a8b9c0/`,
        duration: 7272,
        finished_at: null,
        scrapable: false,
      });
      expect(foo.unscrapable_reason).toMatch(
        /^ci\.foo\.example is not a log server this service fetches from; allowed hosts \(ARTIFACT_HOSTS\): /,
      );
      const refused = await postJson(s.baseUrl, '/scrape', foo);
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe(foo.unscrapable_reason);
    });

    it("lists a build page of another Zuul (a third-party CI's) unresolved, without asking our Zuul about it", async () => {
      const before = zuul.requests.length;
      const { body } = await list('123456');
      expect(since(zuul, before).join()).not.toContain(BAR_BUILD);
      expect(body.results.find((e: any) => e.ci_username === 'bar-ci')).toMatchObject({
        name: 'bar-tempest-ceph',
        pipeline: 'check',
        status: 'SUCCESS',
        url: null,
        build_uuid: null,
        duration: 4203,
        scrapable: false,
        unscrapable_reason: `its result is a build page on another Zuul (${new URL(BAR_ZUUL).host}), which this service cannot look builds up on`,
      });
    });

    it("leaves out Zuul's retried (RETRY, not final) builds, which its builds query returns", async () => {
      const raw = (await (
        await fetch(`${zuul.url}/api/tenant/openstack/builds?change=123456&patchset=3&job_name=tempest-full-py3`)
      ).json()) as any[];
      expect(raw.map((b) => [b.result, b.final])).toEqual([
        ['TIMED_OUT', true],
        ['SUCCESS', true],
        ['RETRY', false],
        ['FAILURE', true],
      ]);
      const { body } = await list('123456');
      expect(body.results.filter((e: any) => e.name === 'tempest-full-py3').map((e: any) => [e.pipeline, e.status])).toEqual([
        ['check', 'SUCCESS'],
        ['gate', 'TIMED_OUT'],
      ]);
      expect(body.results.some((e: any) => e.status === 'RETRY')).toBe(false);
    });

    it('resolves relative build/<uuid> links (patch set 2) with one query', async () => {
      const before = zuul.requests.length;
      const res = await list('123456,2');
      expect(since(zuul, before)).toEqual(['/api/tenant/openstack/builds?change=123456&patchset=2&limit=1000']);
      expect(res.body.results.map((e: any) => [e.name, e.status, e.url, e.build_uuid])).toEqual(
        NOVA_BUILDSETS.ps2.builds.map((b) => [b.job, b.result, A() + b.logPath, b.uuid]),
      );
    });

    it("reads an older Zuul's flat build shape (patch set 1)", async () => {
      const res = await list('123456/1');
      expect(res.status).toBe(200);
      expect(res.body.results.map((e: any) => [e.name, e.status, e.url, e.duration, e.finished_at])).toEqual([
        ['openstack-tox-pep8', 'FAILURE', `${A()}/56/123456/1/check/openstack-tox-pep8/d7b1e2f/`, 187, '2024-02-10T09:15:10.000Z'],
        ['openstack-tox-py311', 'SUCCESS', `${A()}/56/123456/1/check/openstack-tox-py311/8e2c3d4/`, 571, '2024-02-10T09:21:34.000Z'],
      ]);
    });
  });

  describe('legacy log URLs', () => {
    const readme = () => `${L()}/26/271726/2/gate/gate-stackviz-python27/937cf7b/`;

    it('lists one entry for the build: change from Gerrit, result from the comment that linked it', async () => {
      const res = await list(readme());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        results: [
          {
            change_id: 271726,
            change_project: 'openstack/stackviz',
            change_subject: STACKVIZ_SUBJECT,
            ci_username: 'jenkins',
            name: 'gate-stackviz-python27',
            pipeline: 'gate',
            revision: 2,
            status: 'SUCCESS',
            url: readme(),
            build_uuid: null,
            voting: true,
            duration: 215,
            finished_at: null,
            branch: 'master',
            ...SCRAPABLE,
          },
        ],
      });
      expect(await list(`${readme()}logs/testrepository.subunit.gz`)).toEqual({ ...res, headers: expect.anything() });
    });

    it('gives a build no comment mentions a null status', async () => {
      const res = await list(`${L()}/26/271726/2/check/gate-stackviz-python27/6d5e4f4/`);
      expect(res.body.results).toEqual([
        expect.objectContaining({ change_id: 271726, name: 'gate-stackviz-python27', status: null, ci_username: null, revision: 2 }),
      ]);
    });

    it('lists a periodic build without change fields and without asking Gerrit', async () => {
      const before = gerrit.requests.length;
      const url = `${L()}/periodic/periodic-tempest-dsvm-full-ubuntu-trusty-master/8a3b2c1/`;
      const res = await list(`${url}console.html`);
      expect(res.body.results).toEqual([
        {
          change_id: null,
          change_project: null,
          change_subject: null,
          ci_username: null,
          name: 'periodic-tempest-dsvm-full-ubuntu-trusty-master',
          pipeline: 'periodic',
          revision: null,
          status: null,
          url,
          build_uuid: null,
          voting: null,
          duration: null,
          finished_at: null,
          branch: null,
          ...SCRAPABLE,
        },
      ]);
      expect(gerrit.requests.length).toBe(before);
    });
  });

  describe('Zuul pages and modern log URLs', () => {
    const recheckTempest = finalBuild(ps3recheck, 'tempest-full-py3');
    const firstTempest = finalBuild(ps3check, 'tempest-full-py3');
    const rawBuildset = async (uuid: string) => (await (await fetch(`${zuul.url}/api/tenant/openstack/buildset/${uuid}`)).json()) as any;

    it('a build page is one entry from the build API', async () => {
      const before = zuul.requests.length;
      const res = await list(`${zuul.url}/t/openstack/build/${recheckTempest.uuid}`);
      expect(since(zuul, before)).toEqual([`/api/tenant/openstack/build/${recheckTempest.uuid}`]);
      expect(res.body).toEqual({
        results: [
          {
            change_id: 123456,
            change_project: 'openstack/nova',
            change_subject: NOVA_SUBJECT,
            ci_username: null,
            name: 'tempest-full-py3',
            pipeline: 'check',
            revision: 3,
            status: 'SUCCESS',
            url: `${A()}/95/123456/3/check/tempest-full-py3/5f0c1a2/`,
            build_uuid: recheckTempest.uuid,
            voting: true,
            duration: 6067,
            finished_at: '2024-02-14T03:46:58.000Z',
            branch: 'master',
            ...SCRAPABLE,
          },
        ],
      });
    });

    it('a build that left no logs is listed, unscrapable, with the reason', async () => {
      const skipped = finalBuild(ps3check, 'nova-grenade-multinode');
      const res = await list(`${zuul.url}/t/openstack/build/${skipped.uuid}`);
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        expect.objectContaining({
          name: 'nova-grenade-multinode',
          status: 'SKIPPED',
          url: null,
          build_uuid: skipped.uuid,
          scrapable: false,
          unscrapable_reason: 'Zuul skipped this job (it never ran), so there are no logs',
        }),
      ]);
    });

    it("a buildset page is one entry per build, with Zuul's error_detail", async () => {
      const res = await list(`${zuul.url}/t/openstack/buildset/${ps3check.uuid}`);
      expect(rows(res.body.results, 'revision', 'voting', 'scrapable', 'error_detail')).toEqual([
        ['check', 'openstack-tox-pep8', 'SUCCESS', 3, true, true, null],
        ['check', 'openstack-tox-py311', 'SUCCESS', 3, true, true, null],
        ['check', 'tempest-full-py3', 'FAILURE', 3, true, true, null],
        ['check', 'nova-next', 'POST_FAILURE', 3, false, true, null],
        ['check', 'nova-grenade-multinode', 'SKIPPED', 3, true, false, null],
        ['check', 'nova-multi-cell', 'ERROR', 3, true, false, 'Project openstack/placement-foo does not have the default branch master'],
      ]);
    });

    it("gives a buildset's builds the buildset's pipeline, which Zuul leaves out of them", async () => {
      const raw = await rawBuildset(ps3gate.uuid);
      expect(raw.pipeline).toBe('gate');
      expect(raw.builds.length).toBeGreaterThan(0);
      expect(raw.builds.filter((b: any) => 'pipeline' in b || 'buildset' in b)).toEqual([]);
      const res = await list(`${zuul.url}/t/openstack/buildset/${ps3gate.uuid}`);
      expect(rows(res.body.results)).toEqual([
        ['gate', 'openstack-tox-pep8', 'SUCCESS'],
        ['gate', 'tempest-full-py3', 'TIMED_OUT'],
        ['gate', 'nova-ceph-multistore', 'ERROR'],
        ['gate', 'nova-lvm', 'RETRY_LIMIT'],
      ]);
    });

    it("leaves out a buildset's RETRY builds, which Zuul ≥ 4.7 nests with the final ones", async () => {
      const raw = await rawBuildset(ps3recheck.uuid);
      expect(raw.builds.filter((b: any) => b.result === 'RETRY').map((b: any) => [b.job_name, b.final])).toEqual([
        ['tempest-full-py3', false],
      ]);
      const res = await list(`${zuul.url}/t/openstack/buildset/${ps3recheck.uuid}`);
      expect(rows(res.body.results, 'build_uuid')).toEqual(
        ps3recheck.builds.filter((b) => !b.retried).map((b) => ['check', b.job, b.result, b.uuid]),
      );
    });

    it('a retried build asked for by its own page is still listed: the user named it', async () => {
      const retried = ps3recheck.builds.find((b) => b.retried)!;
      const res = await list(`${zuul.url}/t/openstack/build/${retried.uuid}`);
      expect(res.body.results).toEqual([expect.objectContaining({ status: 'RETRY', url: A() + retried.logPath, scrapable: true })]);
    });

    it('a buildset that ran no builds (Zuul leaves `builds` out) is 200 with its result and message', async () => {
      const { ps4merge } = NOVA_BUILDSETS;
      expect(Object.keys(await rawBuildset(ps4merge.uuid))).not.toContain('builds');
      const res = await list(`${zuul.url}/t/openstack/buildset/${ps4merge.uuid}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ results: [], message: `MERGE_CONFLICT: ${MERGE_CONFLICT_MESSAGE}` });
    });

    it("an older Zuul's buildset lends its change to its builds", async () => {
      const res = await list(`${zuul.url}/t/openstack/buildset/${NOVA_BUILDSETS.ps1.uuid}`);
      expect(res.body.results.map((e: any) => [e.change_id, e.change_project, e.change_subject, e.revision, e.pipeline])).toEqual([
        [123456, 'openstack/nova', NOVA_SUBJECT, 1, 'check'],
        [123456, 'openstack/nova', NOVA_SUBJECT, 1, 'check'],
      ]);
    });

    it('a modern log URL is matched through the builds API, by its directory before its hash', async () => {
      // Both tempest builds of patch set 3 have uuids starting 5f0c1a2; the log directory decides.
      const dir = `${A()}/95/123456/3/check/tempest-full-py3/5f0c1a2/`;
      const before = zuul.requests.length;
      const res = await list(`${dir}job-output.txt`);
      expect(since(zuul, before)).toEqual([
        '/api/tenant/openstack/builds?change=123456&patchset=3&pipeline=check&job_name=tempest-full-py3&limit=1000',
      ]);
      expect(res.body.results).toEqual([expect.objectContaining({ build_uuid: recheckTempest.uuid, url: dir, status: 'SUCCESS' })]);
    });

    it('an opaque modern log URL (<tenant>/<build uuid>/) is the build', async () => {
      const res = await list(`${A()}/openstack/${firstTempest.uuid}/`);
      expect(res.body.results).toEqual([
        expect.objectContaining({
          build_uuid: firstTempest.uuid,
          status: 'FAILURE',
          url: `${A()}/openstack/${firstTempest.uuid}/`,
          duration: 6730,
        }),
      ]);
    });

    it('a Zuul v3 periodic log URL is resolved with the project, branch, pipeline and job its path names', async () => {
      const [build] = REF_BUILDSETS.periodic.builds;
      const dir = L() + build.logPath;
      const before = zuul.requests.length;
      const gerritBefore = gerrit.requests.length;
      const res = await list(`${dir}job-output.txt.gz`);
      expect(since(zuul, before)).toEqual([
        `/api/tenant/openstack/builds?project=openstack%2Fnova&branch=master&pipeline=periodic&job_name=${build.job}&limit=1000`,
      ]);
      expect(gerrit.requests.length).toBe(gerritBefore);
      expect(res.body.results).toEqual([
        {
          change_id: null,
          change_project: 'openstack/nova',
          change_subject: null,
          ci_username: null,
          name: build.job,
          pipeline: 'periodic',
          revision: null,
          status: 'SUCCESS',
          url: dir,
          build_uuid: build.uuid,
          voting: true,
          duration: 812,
          finished_at: '2018-06-12T06:18:32.000Z',
          branch: 'master',
          ...SCRAPABLE,
        },
      ]);
    });

    it('a ref-updated (post) log URL is resolved with the commit, pipeline and job its path names', async () => {
      const [build] = REF_BUILDSETS.post.builds;
      const newrev = REF_BUILDSETS.post.refs[0].newrev!;
      const before = zuul.requests.length;
      const res = await list(A() + build.logPath);
      expect(since(zuul, before)).toEqual([`/api/tenant/openstack/builds?newrev=${newrev}&pipeline=post&job_name=${build.job}&limit=1000`]);
      expect(res.body.results).toEqual([
        expect.objectContaining({
          change_id: null,
          name: build.job,
          pipeline: 'post',
          status: 'SUCCESS',
          url: A() + build.logPath,
          build_uuid: build.uuid,
        }),
      ]);
    });
  });

  describe('errors', () => {
    it.each([
      ['no q', {}, /^q is required/],
      ['q null', { q: null }, /^q is required/],
      ['q true', { q: true }, /^q must be a string or a number/],
      ['q an array', { q: ['271726'] }, /^q must be a string or a number/],
      ['q empty', { q: '' }, /^q is required/],
      ['q blank', { q: ' \t' }, /^q is required/],
      [
        'a Change-Id',
        { q: 'I8f0e7c3b2a1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f' },
        /^"I8f0e7c3b2a1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f" is a Gerrit Change-Id/,
      ],
      ['a GitHub URL', { q: 'https://github.com/openstack/nova/pull/1' }, /^GitHub URLs cannot be looked up/],
      ['a Gerrit search', { q: 'https://review.opendev.org/q/status:open' }, /^This Gerrit URL names no change\./],
      ['a fraction', { q: 271726.5 }, /^"271726\.5" is not a change number/],
      ['3000 characters', { q: 'x'.repeat(3000) }, /^q must be at most 2048 characters$/],
    ])('%s is 400', async (_label, body, message) => {
      const res = await postJson(s.baseUrl, '/list', body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(message) });
    });

    it('says in two sentences at most what an unrecognised query looked like and what to paste instead', async () => {
      const cases: [string, string][] = [
        [
          'what is this',
          '"what is this" is neither a change number nor a URL. Paste a change number (271726), a change and patch set (271726,2), or a Gerrit change, Zuul build or CI log URL.',
        ],
        [
          'https://logs.example.org/56/123456/3/check/tempest-full-py3/5f0c1a2/',
          `logs.example.org is not a log server this service fetches from (ARTIFACT_HOSTS: ${new URL(legacyLogs.url).host}, ${new URL(A()).host}). ` +
            'Paste the change number (123456) instead, or a log URL on one of those hosts.',
        ],
        [
          `${zuul.url}/t/openstack/status`,
          `This Zuul page is not a build or a buildset. Paste the page of one build (${zuul.url}/t/openstack/build/<uuid>) or of its buildset.`,
        ],
      ];
      for (const [q, message] of cases) {
        expect((await list(q)).body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      }
    });

    it("with GERRIT_HOSTS set, accepts only those hosts (and GERRIT_URL's), and the 400 for another names both and the variable", async () => {
      const replaced = await bootApp({
        GERRIT_URL: gerrit.url,
        GERRIT_HOSTS: 'review.example.org',
        ZUUL_URL: zuul.url,
        LEGACY_LOGS_URL: legacyLogs.url,
      });
      try {
        const accepted = await postJson(replaced.baseUrl, '/list', { q: 'https://review.example.org/#/c/271726/' });
        expect(accepted.status).toBe(200);
        expect(accepted.body.results[0]).toMatchObject({ change_id: 271726, revision: 2 });
        const refused = await postJson(replaced.baseUrl, '/list', { q: 'https://review.openstack.org/#/c/271726/' });
        expect(refused.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          message:
            `review.openstack.org is not a Gerrit host this service accepts: it accepts ${new URL(gerrit.url).host}, review.example.org, ` +
            'set by GERRIT_HOSTS (which replaces the default list). Paste the change number (271726) instead.',
        });
      } finally {
        await replaced.close();
      }
    });

    it.each([
      ['999999', /change 999999 not found on Gerrit/],
      ['https://review.opendev.org/c/openstack/nova/+/999998', /change 999998 not found/],
      [`ZUUL/t/openstack/build/${'0'.repeat(32)}`, /build 0{32} not found on Zuul/],
      [`ZUUL/t/openstack/buildset/${'1'.repeat(32)}`, /buildset 1{32} not found on Zuul/],
      [`ZUUL/t/nosuchtenant/build/${'0'.repeat(32)}`, /not found on Zuul \(tenant nosuchtenant\)/],
      ['ARTIFACTS/56/123456/3/check/tempest-full-py3/0000000/', /no Zuul build .* has the logs at/],
    ])('%s is 404', async (q, message) => {
      const res = await list(q.replace('ZUUL', zuul.url).replace('ARTIFACTS', A()));
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(message);
    });

    it.each([
      ['error', /Gerrit answered HTTP 500/],
      ['garbage', /Gerrit answered something that is not JSON/],
    ] as const)('Gerrit in mode %s is 502 naming Gerrit', async (mode, message) => {
      gerrit.setMode(mode);
      const res = await list('271726');
      expect(res.status).toBe(502);
      expect(res.body).toEqual({ statusCode: 502, error: 'Bad Gateway', message: expect.stringMatching(message) });
    });

    it('a Gerrit that never answers is 504 naming Gerrit, within FETCH_TIMEOUT_MS', async () => {
      gerrit.setMode('hang');
      const started = Date.now();
      const res = await list('271726');
      const took = Date.now() - started;
      expect(res.status).toBe(504);
      expect(res.body.message).toMatch(new RegExp(`Gerrit did not answer within ${TIMEOUT_MS} ms`));
      expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(took).toBeLessThan(TIMEOUT_MS + 2000);
    });

    it.each([
      ['error', 502, /Zuul answered HTTP 500/],
      ['garbage', 502, /Zuul answered something that is not JSON/],
      ['hang', 504, /Zuul did not answer within/],
    ] as const)('Zuul in mode %s is %i naming Zuul', async (mode, status, message) => {
      zuul.setMode(mode);
      const res = await list('123456');
      expect(res.status).toBe(status);
      expect(res.body.message).toMatch(message);
    });

    it('a Gerrit answer that is JSON but not a change is 502', async () => {
      // A Gerrit-like server whose change endpoint answers an array, e.g. a proxy's error JSON.
      const odd = await startFakeUpstream(() => ({ status: 200, contentType: 'application/json', body: ")]}'\n[1,2,3]" }));
      const app = await bootApp({ GERRIT_URL: odd.url, ZUUL_URL: zuul.url, LEGACY_LOGS_URL: legacyLogs.url });
      try {
        const res = await postJson(app.baseUrl, '/list', { q: '271726' });
        expect(res.status).toBe(502);
        expect(res.body.message).toMatch(/Gerrit answered something that is not a change/);
      } finally {
        await app.close();
        await odd.close();
      }
    });
  });

  describe('with the cache on, and Zuul down', () => {
    let cached: BootedApp;
    let closed: FakeUpstream;
    beforeAll(async () => {
      closed = await startFakeUpstream(() => textAnswer(404, ''));
      await closed.close(); // a port nobody listens on
      cached = await bootApp({
        GERRIT_URL: gerrit.url,
        ZUUL_URL: closed.url,
        LEGACY_LOGS_URL: legacyLogs.url,
        UPSTREAM_CACHE_SECONDS: '30',
        FETCH_TIMEOUT_MS: String(TIMEOUT_MS),
      });
    });
    afterAll(() => cached?.close());

    it('asks Gerrit once for repeated lookups of one change', async () => {
      const before = gerrit.requests.length;
      for (const q of [
        '271726',
        '271726,1',
        'https://review.openstack.org/#/c/271726/',
        `${legacyLogs.url}/26/271726/2/gate/gate-stackviz-python27/937cf7b/`,
      ]) {
        expect((await postJson(cached.baseUrl, '/list', { q })).status).toBe(200);
      }
      expect(since(gerrit, before)).toEqual(['/changes/271726/detail?o=ALL_REVISIONS']);
    });

    it('does not keep failures: Gerrit answering again is seen at once', async () => {
      gerrit.setMode('error');
      expect((await postJson(cached.baseUrl, '/list', { q: '269624' })).status).toBe(502);
      gerrit.setMode('ok');
      expect((await postJson(cached.baseUrl, '/list', { q: '269624' })).status).toBe(200);
    });

    it('an unreachable Zuul is 502 naming Zuul', async () => {
      const res = await postJson(cached.baseUrl, '/list', { q: `${closed.url}/t/openstack/build/${'a'.repeat(32)}` });
      expect(res.status).toBe(502);
      expect(res.body.message).toMatch(/Zuul is unreachable .*ECONNREFUSED/);
    });
  });

  it('documents POST /list in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${s.baseUrl}/docs-json`)).json()) as any;
    expect(Object.keys(doc.paths['/list'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '502', '504']));
    expect(doc.components.schemas.ListRequestDto.required).toEqual(['q']);
    expect(doc.components.schemas.ListRequestDto.properties.history).toMatchObject({ type: 'boolean', default: false });
    expect(Object.keys(doc.components.schemas.ListResponseDto.properties)).toEqual([
      'results',
      'message',
      'change_id',
      'change_project',
      'change_subject',
      'change_branch',
    ]);
    expect(Object.keys(doc.components.schemas.JobEntryDto.properties)).toEqual(JOB_ENTRY_FIELDS);
  });

  it('runs the HTTPie examples of docs/api.md as written (host and port aside)', async () => {
    const http = async (...args: string[]) => {
      const { stdout } = await run('http', ['--ignore-stdin', '--check-status', 'post', `${s.baseUrl}/list`, ...args]);
      return JSON.parse(stdout);
    };
    const latest = await http('q=271726');
    expect(latest.results[0]).toMatchObject(stackvizPep8());
    expect((await http('q=271726,1')).results.every((e: any) => e.revision === 1)).toBe(true);
    expect(await http('q=https://review.openstack.org/#/c/271726/')).toEqual(latest);
    const build = await http(`q=${L()}/26/271726/2/gate/gate-stackviz-python27/937cf7b/`);
    expect(build.results).toEqual([
      expect.objectContaining({ change_id: 271726, name: 'gate-stackviz-python27', pipeline: 'gate', revision: 2, status: 'SUCCESS' }),
    ]);
    // `http post …/list q=269624 | jq '.results[2]' | http post …/scrape`
    const { stdout } = await run('bash', [
      '-o',
      'pipefail',
      '-c',
      `http --ignore-stdin post ${s.baseUrl}/list q=269624 | jq '.results[2]' | http --check-status post ${s.baseUrl}/scrape`,
    ]);
    expect(JSON.parse(stdout)).toEqual({ status: 'queued', uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});
