import { GLANCE_CHANGE, NOVA_CHANGE } from '../fake-upstream/data/zuul-builds';
import { BACKEND } from './backend';
import { ListUpstream, startListUpstream } from './list-upstream';

const NOVA = {
  change_id: NOVA_CHANGE,
  change_project: 'openstack/nova',
  change_subject: 'libvirt: Add support for virtio-sound devices',
  change_branch: 'master',
};
const GLANCE = {
  change_id: GLANCE_CHANGE,
  change_project: 'openstack/glance',
  change_subject: 'Add image cache pruning',
  change_branch: 'master',
};
const conflict = (ps: number) =>
  `Patch set ${ps} had a merge conflict, so no jobs ran: Zuul could not merge it with its branch, and it needs a rebase.`;
const buildsets = (change: number, ps: number) => `/api/tenant/openstack/buildsets?change=${change}&patchset=${ps}&limit=50`;
const builds = (change: number, ps: number) => `/api/tenant/openstack/builds?change=${change}&patchset=${ps}&limit=1000`;

describe(`POST /list: a patch set without results is never silent (${BACKEND})`, () => {
  let up: ListUpstream;

  beforeAll(async () => {
    up = await startListUpstream(1500);
  });
  afterAll(() => up?.close());

  /** POST /list, and the requests it made to Zuul. */
  async function list(q: string) {
    const before = up.zuul.requests.length;
    const res = await up.list(q);
    expect(res.status).toBe(200);
    return { body: res.body, zuul: up.since(up.zuul, before) };
  }

  describe('a patch set Zuul could not merge', () => {
    it("named by q: no results, the change, and that it had a merge conflict (Zuul's comment says so: no Zuul request)", async () => {
      const { body, zuul } = await list(`${NOVA_CHANGE},4`);
      expect(body).toEqual({ results: [], message: conflict(4), ...NOVA });
      expect(zuul).toEqual([]);
    });

    it("reads a tenant's own merge-failure words as well as Zuul's default ones", async () => {
      const { body, zuul } = await list(`${GLANCE_CHANGE},2`);
      expect(body).toEqual({ results: [], message: conflict(2), ...GLANCE });
      expect(zuul).toEqual([]);
    });

    it('without a comment, learns it from the MERGE_CONFLICT buildset: one buildsets query', async () => {
      const { body, zuul } = await list(`${GLANCE_CHANGE},3`);
      expect(body).toEqual({ results: [], message: conflict(3), ...GLANCE });
      expect(zuul).toEqual([buildsets(GLANCE_CHANGE, 3)]);
    });

    it('q naming just the change lists the newest patch set with results, saying why the newer one has none', async () => {
      const nova = await list(String(NOVA_CHANGE));
      expect(new Set(nova.body.results.map((e: any) => e.revision))).toEqual(new Set([3]));
      expect(nova.body.message).toBe(`${conflict(4)} Listing patch set 3, the newest with CI results.`);
      expect(nova.body).not.toHaveProperty('change_id');
      expect(nova.zuul).toEqual([builds(NOVA_CHANGE, 3)]);

      const glance = await list(String(GLANCE_CHANGE));
      expect(glance.body.results.map((e: any) => [e.revision, e.name, e.status])).toEqual([
        [1, 'openstack-tox-pep8', 'SUCCESS'],
        [1, 'openstack-tox-py311', 'SUCCESS'],
      ]);
      expect(glance.body.message).toBe(`${conflict(3)} Listing patch set 1, the newest with CI results.`);
      expect(glance.zuul).toEqual([builds(GLANCE_CHANGE, 1), buildsets(GLANCE_CHANGE, 3)]);
    });
  });

  it('a patch set no CI system has reported on yet says so', async () => {
    const { body, zuul } = await list('970002');
    expect(body).toEqual({
      results: [],
      message: 'Patch set 1 has no CI results: no CI system has reported on it yet (its jobs may still be running).',
      change_id: 970002,
      change_project: 'openstack/glance',
      change_subject: 'Document the image cache pruning',
      change_branch: 'master',
    });
    expect(zuul).toEqual([buildsets(970002, 1)]);
  });

  it('says nothing more when the newest patch set has results, and asks Zuul nothing more for a Jenkins-era change', async () => {
    const stackviz = await list('271726');
    expect(stackviz.body.results.length).toBeGreaterThan(0);
    expect(stackviz.body).toEqual({ results: stackviz.body.results });
    expect(stackviz.zuul).toEqual([]);
    // Patch set 1 of 271726 has results; a Jenkins-era patch set without any is not asked of Zuul.
    expect((await list('271726,1')).body).toEqual({ results: expect.any(Array) });
  });
});
