import type { Entry } from '../../../web/src/api/types';
import { formatAgo } from '../../../web/src/logic/time';
import {
  changeLabel,
  runContext,
  changeHeading,
  listHeading,
  DEFAULT_LINK_BASES,
  gerritLink,
  groupByPipeline,
  resultClass,
  thirdPartyCi,
  zuulBuildLink,
} from '../../../web/src/logic/results';

const entry = (over: Partial<Entry>): Entry => ({
  change_id: 271726,
  change_project: 'openstack/stackviz',
  change_subject: 'Add timeline',
  ci_username: 'zuul',
  name: 'tempest-full-py3',
  pipeline: 'check',
  revision: 2,
  status: 'SUCCESS',
  url: 'https://logs.example/26/271726/2/check/tempest-full-py3/5f0c1a2/',
  build_uuid: '5f0c1a2b3c4d5e6f7a8b9c0d1e2f3a4b',
  voting: true,
  duration: 3671,
  finished_at: '2024-02-13T23:39:24Z',
  branch: 'master',
  scrapable: true,
  unscrapable_reason: null,
  error_detail: null,
  ...over,
});

describe('/list results', () => {
  it('groups by pipeline: check, gate, then others A–Z; jobs A–Z inside', () => {
    const groups = groupByPipeline([
      entry({ pipeline: 'gate', name: 'b' }),
      entry({ pipeline: 'experimental', name: 'z' }),
      entry({ pipeline: 'check', name: 'b' }),
      entry({ pipeline: 'check', name: 'a' }),
      entry({ pipeline: null, name: 'periodic-job' }),
    ]);
    expect(groups.map((g) => g.pipeline)).toEqual(['check', 'gate', '(no pipeline)', 'experimental']);
    expect(groups[0].entries.map((e) => e.name)).toEqual(['a', 'b']);
  });

  it('colours CI results', () => {
    expect(resultClass('SUCCESS')).toBe('ok');
    expect(resultClass('POST_FAILURE')).toBe('bad');
    expect(resultClass('SKIPPED')).toBe('neutral');
    expect(resultClass(null)).toBe('pending');
  });

  it('links to Gerrit and the Zuul build page', () => {
    expect(gerritLink(entry({}), DEFAULT_LINK_BASES)).toBe('https://review.opendev.org/c/openstack/stackviz/+/271726/2');
    expect(gerritLink(entry({ change_id: null }), DEFAULT_LINK_BASES)).toBeNull();
    expect(zuulBuildLink(entry({}), { gerrit: 'x', zuul: 'http://127.0.0.1:9/', tenant: 'openstack' })).toBe(
      'http://127.0.0.1:9/t/openstack/build/5f0c1a2b3c4d5e6f7a8b9c0d1e2f3a4b',
    );
    expect(zuulBuildLink(entry({ build_uuid: null }), DEFAULT_LINK_BASES)).toBeNull();
  });
});

describe('change heading and third-party CIs', () => {
  it('names the change, patch set, project, branch and subject when every job shares them', () => {
    expect(changeHeading([entry({}), entry({ name: 'nova-next' })])).toEqual({
      change: 271726,
      patchSet: 2,
      project: 'openstack/stackviz',
      branch: 'master',
      subject: 'Add timeline',
    });
    expect(changeHeading([entry({}), entry({ revision: 1 })])?.patchSet).toBeNull();
    expect(changeHeading([entry({ branch: 'stable/2025.1' })])?.branch).toBe('stable/2025.1');
    expect(changeHeading([entry({}), entry({ branch: null })])?.branch).toBeNull();
    expect(changeHeading([entry({}), entry({ change_id: 9 })])).toBeNull();
    expect(changeHeading([entry({ change_id: null })])).toBeNull();
    expect(changeHeading([])).toBeNull();
  });

  it("heads an empty /list answer with the change it names (a patch set that ran no jobs), else with its entries' change", () => {
    const empty = {
      results: [],
      message: 'Patch set 4 had a merge conflict',
      change_id: 123456,
      change_project: 'openstack/nova',
      change_subject: 'x',
    };
    expect(listHeading(empty)).toEqual({ change: 123456, patchSet: null, project: 'openstack/nova', branch: null, subject: 'x' });
    expect(listHeading({ ...empty, change_branch: 'stable/2025.1' })).toMatchObject({ change: 123456, branch: 'stable/2025.1' });
    expect(listHeading({ results: [] })).toBeNull();
    expect(listHeading({ results: [entry({})], message: 'm' })).toEqual(changeHeading([entry({})]));
  });

  it('marks accounts other than zuul and jenkins as third-party CIs', () => {
    expect(thirdPartyCi({ ci_username: 'EMC ScaleIO CI' })).toBe('EMC ScaleIO CI');
    expect(thirdPartyCi({ ci_username: 'Zuul' })).toBeNull();
    expect(thirdPartyCi({ ci_username: 'jenkins' })).toBeNull();
    expect(thirdPartyCi({ ci_username: null })).toBeNull();
  });
});

describe('change label and time ago', () => {
  it('says a change as people do: project, number, patch set', () => {
    expect(changeLabel({ change_project: 'openstack/nova', change_id: 123456, revision: 3 })).toBe('nova 123456,3');
    expect(changeLabel({ change_project: null, change_id: 271726, revision: null })).toBe('271726');
    expect(changeLabel({ change_project: 'openstack/nova', change_id: null, revision: 3 })).toBeNull();
  });

  it('puts the pipeline and the patch set beside a run, so two runs of one job are told apart', () => {
    expect(runContext({ pipeline: 'check', change_project: 'openstack/nova', change_id: 123456, revision: 3 })).toBe(
      'check · nova 123456,3',
    );
    expect(runContext({ pipeline: 'gate', change_id: 123456, revision: 3 })).toBe('gate · 123456,3');
    expect(runContext({ pipeline: 'check', change_id: null, revision: 2 })).toBe('check · patch set 2');
    expect(runContext({ pipeline: 'periodic', change_id: null, revision: null })).toBe('periodic');
    expect(runContext({ pipeline: null, change_id: null, revision: null })).toBe('');
  });

  it('says how long ago, in the largest unit that fits', () => {
    const now = Date.parse('2024-02-14T12:00:00Z');
    expect(formatAgo('2024-02-14T11:59:30Z', now)).toBe('just now');
    expect(formatAgo('2024-02-14T11:55:00Z', now)).toBe('5 min ago');
    expect(formatAgo('2024-02-14T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAgo('2024-02-13T11:00:00Z', now)).toBe('1 day ago');
    expect(formatAgo('2024-02-10T12:00:00Z', now)).toBe('4 days ago');
  });
});
