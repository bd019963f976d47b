import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CROSS_JOBS, CYCLE_BUILDSET, CYCLE_CHANGES, finalBuild, NOVA_BUILDSETS } from '../fake-upstream/data/zuul-builds';
import { JobsService } from '../../src/jobs/jobs.service';
import { BACKEND } from './backend';
import { postJson } from './harness';
import { ListUpstream, startListUpstream } from './list-upstream';

const run = promisify(execFile);
const builds = (change: number, ps: number) => `/api/tenant/openstack/builds?change=${change}&patchset=${ps}&limit=1000`;

describe(`POST /list: dependency cycles, cut reports, history and what they cost (${BACKEND})`, () => {
  let up: ListUpstream;

  beforeAll(async () => {
    up = await startListUpstream(1500);
  });
  afterAll(() => up?.close());

  /** POST /list and the requests it made to Gerrit and Zuul. */
  async function counted(body: Record<string, unknown>) {
    const [g, z] = [up.gerrit.requests.length, up.zuul.requests.length];
    const res = await postJson(up.app.baseUrl, '/list', body);
    expect(res.status).toBe(200);
    return { results: res.body.results as any[], body: res.body, gerrit: up.since(up.gerrit, g), zuul: up.since(up.zuul, z) };
  }

  /** A Zuul comment on a change, as the fake Gerrit holds it. */
  async function comment(change: number, patchSet: number): Promise<string> {
    const text = await (await fetch(`${up.gerrit.url}/changes/${change}/detail`)).text();
    const messages = JSON.parse(text.replace(/^\)\]\}'\n/, '')).messages as {
      author?: { username: string };
      _revision_number: number;
      message: string;
    }[];
    return messages.find((m) => m.author?.username === 'zuul' && m._revision_number === patchSet)!.message;
  }

  describe("a dependency cycle's report, which lists each job once per change in the cycle", () => {
    const uuid = (job: string, change: number) => finalBuild(CYCLE_BUILDSET, job, change).uuid;

    it('lists, for the nova change, the line whose build is the nova change’s, from the one builds query', async () => {
      expect((await comment(CYCLE_CHANGES.nova, 1)).match(/^- tempest-full-py3 /gm)).toHaveLength(2);
      const { results, gerrit, zuul } = await counted({ q: String(CYCLE_CHANGES.nova) });
      expect(gerrit).toHaveLength(1);
      expect(zuul).toEqual([builds(CYCLE_CHANGES.nova, 1)]);
      expect(results.map((e) => [e.name, e.status, e.build_uuid, e.change_project, e.revision, e.scrapable])).toEqual([
        ['openstack-tox-pep8', 'SUCCESS', uuid('openstack-tox-pep8', CYCLE_CHANGES.nova), 'openstack/nova', 1, true],
        ['tempest-full-py3', 'SUCCESS', uuid('tempest-full-py3', CYCLE_CHANGES.nova), 'openstack/nova', 1, true],
      ]);
    });

    it('lists, for the neutron change, the neutron builds (the same report on its patch set 2)', async () => {
      const { results, zuul } = await counted({ q: String(CYCLE_CHANGES.neutron) });
      expect(zuul).toEqual([builds(CYCLE_CHANGES.neutron, 2)]);
      expect(results.map((e) => [e.name, e.status, e.build_uuid, e.url])).toEqual(
        ['openstack-tox-pep8', 'tempest-full-py3', 'neutron-functional'].map((job) => {
          const b = finalBuild(CYCLE_BUILDSET, job, CYCLE_CHANGES.neutron);
          return [job, b.result, b.uuid, up.bases.artifactUrl + b.logPath];
        }),
      );
    });
  });

  describe("a report Zuul cut at Gerrit's 16 KiB comment limit", () => {
    it('is filled with the jobs after the cut from the builds query already made for the patch set', async () => {
      const report = await comment(123470, 1);
      expect(report.endsWith('... (truncated)')).toBe(true);
      expect(Buffer.byteLength(report)).toBeLessThan(16 * 1024);
      const inReport = CROSS_JOBS.filter((job) => report.includes(`- ${job} `));
      expect(inReport.length).toBeLessThan(CROSS_JOBS.length - 50);

      const { results, gerrit, zuul } = await counted({ q: '123470,1' });
      expect(gerrit).toEqual(['/changes/123470/detail?o=ALL_REVISIONS']);
      expect(zuul).toEqual([builds(123470, 1)]);
      expect(results.map((e) => e.name)).toEqual(CROSS_JOBS);
      for (const e of results) {
        expect(e).toMatchObject({
          ci_username: 'zuul',
          pipeline: 'check',
          revision: 1,
          scrapable: true,
          build_uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
        });
      }
      // The last job is past the cut: its result only the builds API knows.
      expect(results.at(-1)).toMatchObject({
        name: 'cross-futurist-functional',
        status: 'FAILURE',
        url: expect.stringContaining('/70/123470/1/check/cross-futurist-functional/'),
      });
    });
  });

  describe('what a plain /list costs', () => {
    it('one Gerrit request and one Zuul builds query for the newest patch set of a 40-job change', async () => {
      const { results, gerrit, zuul } = await counted({ q: '123470' });
      expect(results).toHaveLength(40);
      expect(results.every((e) => e.revision === 2 && e.status === 'SUCCESS' && e.url !== null)).toBe(true);
      expect([...gerrit, ...zuul]).toEqual(['/changes/123470/detail?o=ALL_REVISIONS', builds(123470, 2)]);
    });
  });

  describe('history: every run', () => {
    const row = (e: any) => [e.revision, e.ci_username, e.pipeline, e.name, e.status, e.latest];

    it('of every patch set, newest first, with latest flags: 1 Gerrit request + 1 builds query per patch set with Zuul results', async () => {
      const { results, gerrit, zuul } = await counted({ q: '123456', history: true });
      expect(gerrit).toHaveLength(1);
      // Patch set 4 has only a merge-conflict report: no jobs, no query.
      expect([...zuul].sort()).toEqual([builds(123456, 1), builds(123456, 2), builds(123456, 3)]);
      expect(results.map(row)).toEqual([
        [3, 'zuul', 'gate', 'openstack-tox-pep8', 'SUCCESS', true],
        [3, 'zuul', 'gate', 'tempest-full-py3', 'TIMED_OUT', true],
        [3, 'zuul', 'gate', 'nova-ceph-multistore', 'ERROR', true],
        [3, 'zuul', 'gate', 'nova-lvm', 'RETRY_LIMIT', true],
        // its two attempts Zuul retried before that one, newest first
        [3, 'zuul', 'gate', 'nova-lvm', 'RETRY', false],
        [3, 'zuul', 'gate', 'nova-lvm', 'RETRY', false],
        [3, 'zuul', 'check', 'openstack-tox-pep8', 'SUCCESS', true],
        [3, 'zuul', 'check', 'openstack-tox-py311', 'SUCCESS', true],
        [3, 'zuul', 'check', 'tempest-full-py3', 'SUCCESS', true],
        [3, 'zuul', 'check', 'nova-next', 'POST_FAILURE', true],
        [3, 'zuul', 'check', 'nova-grenade-multinode', 'SKIPPED', true],
        [3, 'zuul', 'check', 'nova-multi-cell', 'SUCCESS', true],
        // the recheck's first tempest attempt, which lost its node and was retried
        [3, 'zuul', 'check', 'tempest-full-py3', 'RETRY', false],
        [3, 'bar-ci', 'check', 'bar-tempest-ceph', 'SUCCESS', true],
        [3, 'foo-ci', 'check', 'foo-tempest-dsvm', 'SUCCESS', true],
        // the first check run of patch set 3, superseded by the recheck
        [3, 'zuul', 'check', 'openstack-tox-pep8', 'SUCCESS', false],
        [3, 'zuul', 'check', 'openstack-tox-py311', 'SUCCESS', false],
        [3, 'zuul', 'check', 'tempest-full-py3', 'FAILURE', false],
        [3, 'zuul', 'check', 'nova-next', 'POST_FAILURE', false],
        [3, 'zuul', 'check', 'nova-grenade-multinode', 'SKIPPED', false],
        [3, 'zuul', 'check', 'nova-multi-cell', 'ERROR', false],
        [2, 'zuul', 'check', 'openstack-tox-pep8', 'SUCCESS', true],
        [2, 'zuul', 'check', 'openstack-tox-py311', 'FAILURE', true],
        [1, 'zuul', 'check', 'openstack-tox-pep8', 'FAILURE', true],
        [1, 'zuul', 'check', 'openstack-tox-py311', 'SUCCESS', true],
      ]);
      // Every entry carries every field plus latest and retried: true only for a RETRY attempt.
      expect(results.every((e) => Object.keys(e).slice(-2).join() === 'latest,retried')).toBe(true);
      expect(results.filter((e) => e.retried).map((e) => e.status)).toEqual(['RETRY', 'RETRY', 'RETRY']);
      expect(results.filter((e) => e.status === 'RETRY').every((e) => e.retried && !e.latest)).toBe(true);
    });

    it('lists a retried attempt with its own build, logs and time, in the pipeline of the run that replaced it', async () => {
      const { results } = await counted({ q: '123456,3', history: true });
      const recheck = NOVA_BUILDSETS.ps3recheck;
      const attempt = recheck.builds.find((b) => b.retried)!;
      expect(results.find((e) => e.build_uuid === attempt.uuid)).toEqual({
        change_id: 123456,
        change_project: 'openstack/nova',
        change_subject: 'libvirt: Add support for virtio-sound devices',
        ci_username: 'zuul',
        name: 'tempest-full-py3',
        pipeline: 'check',
        revision: 3,
        status: 'RETRY',
        url: up.bases.artifactUrl + attempt.logPath,
        build_uuid: attempt.uuid,
        voting: true,
        duration: attempt.seconds,
        finished_at: '2024-02-14T02:26:02.000Z',
        branch: 'master',
        scrapable: true,
        unscrapable_reason: null,
        error_detail: null,
        latest: false,
        retried: true,
      });
      // An attempt that uploaded nothing says so.
      expect(results.find((e) => e.name === 'nova-lvm' && e.retried)).toMatchObject({
        url: null,
        scrapable: false,
        unscrapable_reason: 'Zuul stopped this attempt (its node or a pre-run step failed) and ran the job again; the attempt left no logs',
      });
    });

    it('leaves retried attempts out of the plain list', async () => {
      const { results } = await counted({ q: '123456,3' });
      expect(results.some((e) => e.status === 'RETRY' || 'retried' in e || 'latest' in e)).toBe(false);
    });

    it("keeps an old run's own details: the ERROR its report line explained, without a build page", async () => {
      const { results } = await counted({ q: '123456,3', history: true });
      const first = NOVA_BUILDSETS.ps3check;
      expect(results.find((e) => e.name === 'nova-multi-cell' && !e.latest)).toMatchObject({
        status: 'ERROR',
        url: null,
        build_uuid: null,
        scrapable: false,
        error_detail: first.builds.find((b) => b.job === 'nova-multi-cell')!.errorDetail,
        unscrapable_reason: 'Zuul could not run this job (ERROR), so it left no logs',
      });
      expect(results.find((e) => e.name === 'tempest-full-py3' && e.status === 'FAILURE')).toMatchObject({
        latest: false,
        build_uuid: finalBuild(first, 'tempest-full-py3').uuid,
        duration: 6730,
        scrapable: true,
      });
    });

    it('of only the patch set q names, for one builds query', async () => {
      const { results, gerrit, zuul } = await counted({ q: '123456,3', history: true });
      expect(gerrit).toHaveLength(1);
      expect(zuul).toEqual([builds(123456, 3)]);
      expect(results).toHaveLength(21);
      expect(new Set(results.map((e) => e.revision))).toEqual(new Set([3]));
    });

    it('of N patch sets with Zuul results costs 1 + N requests (a 2-patch-set change of 280 runs)', async () => {
      const { results, gerrit, zuul } = await counted({ q: '123470', history: true });
      expect(gerrit).toHaveLength(1);
      expect([...zuul].sort()).toEqual([builds(123470, 1), builds(123470, 2)]);
      expect(results).toHaveLength(280);
      expect(results.slice(0, 40).every((e) => e.revision === 2 && e.latest)).toBe(true);
      expect(results.slice(40).every((e) => e.revision === 1 && e.latest)).toBe(true);
    });

    it('of legacy Jenkins runs comes from every comment, without asking Zuul', async () => {
      const { results, zuul } = await counted({ q: '271726', history: true });
      expect(zuul).toEqual([]);
      expect(results).toHaveLength(24);
      expect(results.slice(0, 6).map(row)).toEqual([
        [1, 'jenkins', 'experimental', 'gate-stackviz-dsvm-integration', 'SUCCESS', true],
        [2, 'jenkins', 'gate', 'gate-stackviz-pep8', 'SUCCESS', true],
        [2, 'jenkins', 'gate', 'gate-stackviz-python27', 'SUCCESS', true],
        [2, 'jenkins', 'gate', 'gate-stackviz-python34', 'SUCCESS', true],
        [2, 'jenkins', 'gate', 'gate-stackviz-docs', 'SUCCESS', true],
        [2, 'jenkins', 'gate', 'gate-tempest-dsvm-full', 'SUCCESS', true],
      ]);
      // Patch set 2's first check run: every job was run again by the recheck.
      const firstCheck = results.filter((e) => e.revision === 2 && e.pipeline === 'check' && !e.latest);
      expect(firstCheck.map((e) => [e.name, e.status, e.url.split('/').at(-2)])).toEqual([
        ['gate-stackviz-pep8', 'SUCCESS', '0a1b2c3'],
        ['gate-stackviz-python27', 'FAILURE', '6d5e4f3'],
        ['gate-stackviz-python34', 'SUCCESS', '7e6f5a4'],
        ['gate-stackviz-docs', 'SUCCESS', '8f7a6b5'],
        ['gate-tempest-dsvm-full', 'FAILURE', '9a8b7c6'],
        ['gate-stackviz-npm-run-test', 'FAILURE', 'a9b8c7d'],
      ]);
    });

    it("of a build page is its patch set's history", async () => {
      const tempest = finalBuild(NOVA_BUILDSETS.ps3recheck, 'tempest-full-py3');
      const byPage = await counted({ q: `${up.zuul.url}/t/openstack/build/${tempest.uuid}`, history: true });
      expect(byPage.body).toEqual((await counted({ q: '123456,3', history: true })).body);
    });

    it('false is the plain list', async () => {
      expect((await counted({ q: '123456', history: false })).body).toEqual((await counted({ q: '123456' })).body);
    });

    it.each([
      ['"true"', 'true'],
      ['1', 1],
      ['null', null],
      ['an object', {}],
    ])('%s is 400 saying history must be a boolean', async (_label, history) => {
      const res = await postJson(up.app.baseUrl, '/list', { q: '123456', history });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'history must be true or false (a JSON boolean; with HTTPie write history:=true)',
      });
    });

    it("is asked for with HTTPie's := (a JSON boolean), as the README shows; history=true (a string) is a 400", async () => {
      const http = (arg: string) => run('http', ['--ignore-stdin', '--check-status', 'post', `${up.app.baseUrl}/list`, 'q=271726', arg]);
      const { stdout } = await http('history:=true');
      expect(JSON.parse(stdout).results).toHaveLength(24);
      await expect(http('history=true')).rejects.toMatchObject({ code: 4, stdout: expect.stringContaining('history:=true') });
    });

    it('is a service method other features call: JobsService.history(change, patchSet)', async () => {
      const viaHttp = await counted({ q: '123456,3', history: true });
      const jobs = up.app.app.get(JobsService);
      const [g, z] = [up.gerrit.requests.length, up.zuul.requests.length];
      expect(await jobs.history(123456, 3)).toEqual(viaHttp.results);
      expect([up.since(up.gerrit, g).length, up.since(up.zuul, z).length]).toEqual([1, 1]);
      await expect(jobs.history(123456, 9)).rejects.toThrow('change 123456 has no patch set 9 (it has 4)');
    });
  });
});
