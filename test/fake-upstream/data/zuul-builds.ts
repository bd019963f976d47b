/**
 * Zuul's builds and buildsets, in the shapes zuul-web sends them:
 * - change 123456 (openstack/nova): patch set 1 from an older Zuul (flat build shape), later ones
 *   from Zuul ≥ 10 (nested `ref{}`, patchset a string). Patch set 3 ran check twice (a recheck, in
 *   which tempest-full-py3 was retried once: a RETRY build that is not final), then gate (an ERROR,
 *   and a RETRY_LIMIT after two RETRYs, none of which uploaded logs). Patch set 4's check buildset
 *   ended MERGE_CONFLICT and has no builds.
 * - 123460 (openstack/nova) and 123461 (openstack/neutron): one check buildset that tested them as
 *   a dependency cycle; each build carries the ref of the change it ran for.
 * - 123470 (openstack/requirements): 240 cross-project jobs on patch set 1 (Zuul's report was cut
 *   at Gerrit's size limit), 40 on patch set 2.
 * - 970001 (openstack/glance): patch set 1 checked; patch sets 2 and 3 ended MERGE_CONFLICT (no
 *   builds), Zuul's comment on 2 in a tenant's own merge-failure words, none on 3.
 * - a periodic build (an older Zuul, logs on the legacy host) and a post build of a merged commit;
 *   neither belongs to a change.
 * Some log paths match test/fake-upstream/fake-logs.ts's LOG_PATHS.
 */
import { FakeZuulData, ZuulBuildRecord, ZuulBuildsetRecord } from '../fake-zuul';
import { hexOf } from './fixture-bases';

export const ZUUL_TENANT = 'openstack';
export const NOVA_CHANGE = 123456;
export const CYCLE_CHANGES = { nova: 123460, neutron: 123461 } as const;
export const REQUIREMENTS_CHANGE = 123470;
export const GLANCE_CHANGE = 970001;

export interface RefSpec {
  project: string;
  branch: string;
  change: number | null;
  patchset: number | null;
  /** The merged commit a ref-updated (post) build ran for. */
  newrev?: string;
}

export interface BuildSpec {
  uuid: string;
  job: string;
  result: string;
  /** Seconds; null for builds that never ran (SKIPPED, ERROR). */
  seconds: number | null;
  voting?: boolean;
  /** Below the log origin; null when the build left no logs. */
  logPath: string | null;
  errorDetail?: string;
  /** A RETRY build Zuul replaced with another (`final: false`): in the API, never in a report. */
  retried?: true;
  /** Reported with the job name where the build page goes (a Zuul without a web root, older ERRORs). */
  unlinked?: true;
  /** The change it ran for, when its buildset tested a dependency cycle (else the buildset's ref). */
  ref?: RefSpec;
}

export interface BuildsetSpec {
  uuid: string;
  pipeline: string;
  result: string;
  message: string;
  start: string;
  shape: 'flat' | 'nested';
  /** Logs on the legacy host (an older Zuul uploading to logs.openstack.org), not the artifact origin. */
  legacyHost?: true;
  refs: RefSpec[];
  builds: BuildSpec[];
}

export const MERGE_CONFLICT_MESSAGE =
  'Merge Failed.\n\nThis change or one of its cross-repo dependencies was unable to be automatically merged with the current state of its repository. Please rebase the change and upload a new patchset.';
const SUCCEEDED = 'Build succeeded.';
const FAILED = 'Build failed.';

const nova = (patchset: number): RefSpec => ({ project: 'openstack/nova', branch: 'master', change: NOVA_CHANGE, patchset });
const check = (ps: number, job: string, hash: string) => `/56/123456/${ps}/check/${job}/${hash}/`;

export const NOVA_BUILDSETS: Record<'ps1' | 'ps2' | 'ps3check' | 'ps3recheck' | 'ps3gate' | 'ps4merge', BuildsetSpec> = {
  ps1: {
    uuid: '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6', pipeline: 'check', result: 'FAILURE', message: FAILED, start: '2024-02-10T09:12:03', shape: 'flat',
    refs: [nova(1)],
    builds: [
      { uuid: 'd7b1e2f3a4c54d6e8f9a0b1c2d3e4f51', job: 'openstack-tox-pep8', result: 'FAILURE', seconds: 187.0, logPath: check(1, 'openstack-tox-pep8', 'd7b1e2f') },
      { uuid: '8e2c3d4f5a6b47c89d0e1f2a3b4c5d62', job: 'openstack-tox-py311', result: 'SUCCESS', seconds: 571.0, logPath: check(1, 'openstack-tox-py311', '8e2c3d4') },
    ],
  },
  ps2: {
    uuid: '2b3c4d5e6f7a48b9c0d1e2f3a4b5c6d7', pipeline: 'check', result: 'FAILURE', message: FAILED, start: '2024-02-12T15:40:27', shape: 'nested',
    refs: [nova(2)],
    builds: [
      { uuid: '0f1e2d3c4b5a46978877665544332211', job: 'openstack-tox-pep8', result: 'SUCCESS', seconds: 181.0, logPath: check(2, 'openstack-tox-pep8', '0f1e2d3') },
      { uuid: '9d8c7b6a5f4e43d2c1b0a99887766554', job: 'openstack-tox-py311', result: 'FAILURE', seconds: 612.0, logPath: check(2, 'openstack-tox-py311', '9d8c7b6') },
    ],
  },
  ps3check: {
    uuid: '338114acf62841f48d37862efc29cb87', pipeline: 'check', result: 'FAILURE', message: FAILED, start: '2024-02-13T21:47:14', shape: 'nested',
    refs: [nova(3)],
    builds: [
      { uuid: 'b1c2d3e4f5a6478990a1b2c3d4e5f607', job: 'openstack-tox-pep8', result: 'SUCCESS', seconds: 192.0, logPath: check(3, 'openstack-tox-pep8', 'b1c2d3e') },
      { uuid: 'c2d3e4f5a6b7489a01b2c3d4e5f60718', job: 'openstack-tox-py311', result: 'SUCCESS', seconds: 581.0, logPath: check(3, 'openstack-tox-py311', 'c2d3e4f') },
      { uuid: '5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b', job: 'tempest-full-py3', result: 'FAILURE', seconds: 6730.0, logPath: '/openstack/5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b/' },
      { uuid: '9a1b2c3d4e5f40718293a4b5c6d7e8f9', job: 'nova-next', result: 'POST_FAILURE', seconds: 3482.0, voting: false, logPath: check(3, 'nova-next', '9a1b2c3') },
      { uuid: '0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5', job: 'nova-grenade-multinode', result: 'SKIPPED', seconds: null, logPath: null },
      {
        uuid: '7e6f5a4b3c2d41e0f9a8b7c6d5e4f3a2', job: 'nova-multi-cell', result: 'ERROR', seconds: null, logPath: null, unlinked: true,
        errorDetail: 'Project openstack/placement-foo does not have the default branch master',
      },
    ],
  },
  ps3recheck: {
    uuid: '4c5d6e7f8a9b40c1d2e3f4a5b6c7d8e9', pipeline: 'check', result: 'SUCCESS', message: SUCCEEDED, start: '2024-02-14T02:05:51', shape: 'nested',
    refs: [nova(3)],
    builds: [
      { uuid: 'e09e82136d714711a5d01051bc633e65', job: 'openstack-tox-pep8', result: 'SUCCESS', seconds: 188.0, logPath: '/56/123456/3/check/openstack-tox-pep8/e09e821/' },
      { uuid: 'f3a4b5c6d7e8490a1b2c3d4e5f6a7b8c', job: 'openstack-tox-py311', result: 'SUCCESS', seconds: 566.0, logPath: check(3, 'openstack-tox-py311', 'f3a4b5c') },
      // Its node went away mid-run; Zuul ran the job again (the build below).
      { uuid: 'a1f0e2d3c4b54a69b7c8d9e0f1a2b3c4', job: 'tempest-full-py3', result: 'RETRY', seconds: 1211.0, logPath: check(3, 'tempest-full-py3', 'a1f0e2d'), retried: true },
      { uuid: '5f0c1a2e9d8c47b6a5f4e3d2c1b0a998', job: 'tempest-full-py3', result: 'SUCCESS', seconds: 6067.0, logPath: '/95/123456/3/check/tempest-full-py3/5f0c1a2/' },
      { uuid: 'a4b5c6d7e8f94a0b1c2d3e4f5a6b7c8d', job: 'nova-next', result: 'POST_FAILURE', seconds: 3391.0, voting: false, logPath: check(3, 'nova-next', 'a4b5c6d') },
      { uuid: 'b5c6d7e8f9a04b1c2d3e4f5a6b7c8d9e', job: 'nova-grenade-multinode', result: 'SKIPPED', seconds: null, logPath: null },
      { uuid: 'c6d7e8f9a0b14c2d3e4f5a6b7c8d9e0f', job: 'nova-multi-cell', result: 'SUCCESS', seconds: 4200.0, logPath: check(3, 'nova-multi-cell', 'c6d7e8f') },
    ],
  },
  ps3gate: {
    uuid: '5d6e7f8a9b0c41d2e3f4a5b6c7d8e9f0', pipeline: 'gate', result: 'FAILURE', message: FAILED, start: '2024-02-14T10:03:12', shape: 'nested',
    refs: [nova(3)],
    builds: [
      { uuid: 'd7e8f9a0b1c24d3e4f5a6b7c8d9e0f1a', job: 'openstack-tox-pep8', result: 'SUCCESS', seconds: 201.0, logPath: '/56/123456/3/gate/openstack-tox-pep8/d7e8f9a/' },
      { uuid: 'e8f9a0b1c2d34e4f5a6b7c8d9e0f1a2b', job: 'tempest-full-py3', result: 'TIMED_OUT', seconds: 10800.0, logPath: '/56/123456/3/gate/tempest-full-py3/e8f9a0b/' },
      {
        uuid: 'f9a0b1c2d3e44f5a6b7c8d9e0f1a2b3c', job: 'nova-ceph-multistore', result: 'ERROR', seconds: null, logPath: null,
        errorDetail: 'Project openstack/devstack-plugin-ceph does not have the default branch master',
      },
      // Each attempt lost its node before it could upload anything.
      { uuid: '0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5', job: 'nova-lvm', result: 'RETRY', seconds: 95.0, logPath: null, retried: true },
      { uuid: '1b2c3d4e5f6a47b8c9d0e1f2a3b4c5d6', job: 'nova-lvm', result: 'RETRY', seconds: 102.0, logPath: null, retried: true },
      { uuid: '2c3d4e5f6a7b48c9d0e1f2a3b4c5d6e7', job: 'nova-lvm', result: 'RETRY_LIMIT', seconds: 131.0, logPath: null },
    ],
  },
  ps4merge: {
    uuid: '6e7f8a9b0c1d42e3f4a5b6c7d8e9f0a1', pipeline: 'check', result: 'MERGE_CONFLICT', message: MERGE_CONFLICT_MESSAGE, start: '2024-02-15T08:30:40', shape: 'nested',
    refs: [nova(4)],
    builds: [],
  },
};

const cycleNova: RefSpec = { project: 'openstack/nova', branch: 'master', change: CYCLE_CHANGES.nova, patchset: 1 };
const cycleNeutron: RefSpec = { project: 'openstack/neutron', branch: 'master', change: CYCLE_CHANGES.neutron, patchset: 2 };

function cycleBuild(ref: RefSpec, job: string, result: string, seconds: number): BuildSpec {
  const uuid = hexOf(`cycle ${ref.change} ${job}`, 32);
  const shard = String(ref.change).slice(-2);
  return { uuid, job, result, seconds, logPath: `/${shard}/${ref.change}/${ref.patchset}/check/${job}/${uuid.slice(0, 7)}/`, ref };
}

/** Zuul tested nova 123460 and neutron 123461 together; its report on each lists both changes' builds. */
export const CYCLE_BUILDSET: BuildsetSpec = {
  uuid: '7f8a9b0c1d2e43f4a5b6c7d8e9f0a1b2', pipeline: 'check', result: 'FAILURE', message: 'This change is part of a dependency cycle that failed.',
  start: '2024-03-04T10:12:00', shape: 'nested', refs: [cycleNova, cycleNeutron],
  builds: [
    cycleBuild(cycleNova, 'openstack-tox-pep8', 'SUCCESS', 203),
    cycleBuild(cycleNeutron, 'openstack-tox-pep8', 'SUCCESS', 260),
    cycleBuild(cycleNova, 'tempest-full-py3', 'SUCCESS', 5980),
    cycleBuild(cycleNeutron, 'tempest-full-py3', 'FAILURE', 6115),
    cycleBuild(cycleNeutron, 'neutron-functional', 'SUCCESS', 2890),
  ],
};

const CROSS_PROJECTS = [
  'nova', 'neutron', 'cinder', 'glance', 'keystone', 'swift', 'heat', 'horizon', 'ironic', 'octavia', 'manila', 'designate',
  'barbican', 'aodh', 'ceilometer', 'placement', 'masakari', 'magnum', 'trove', 'zaqar', 'mistral', 'watcher', 'cloudkitty',
  'blazar', 'cyborg', 'freezer', 'kuryr', 'tacker', 'vitrage', 'zun', 'adjutant', 'oslo.messaging', 'oslo.db', 'oslo.config',
  'oslo.log', 'python-novaclient', 'python-neutronclient', 'python-openstackclient', 'openstacksdk', 'keystoneauth',
  'os-brick', 'os-vif', 'taskflow', 'tooz', 'stevedore', 'cliff', 'osc-lib', 'futurist',
];
const CROSS_VARIANTS = ['py39', 'py310', 'py311', 'py312', 'functional'];
/** requirements' cross-project jobs, in the order Zuul reports them. */
export const CROSS_JOBS = CROSS_PROJECTS.flatMap((p) => CROSS_VARIANTS.map((v) => `cross-${p}-${v}`));

function requirementsBuildset(patchset: number, jobs: string[], start: string): BuildsetSpec {
  const builds = jobs.map((job, i): BuildSpec => {
    const uuid = hexOf(`requirements ${patchset} ${job}`, 32);
    // The last job failed: a result only the builds API tells once the report is cut.
    const result = i === CROSS_JOBS.length - 1 ? 'FAILURE' : 'SUCCESS';
    return { uuid, job, result, seconds: 240 + ((i * 37) % 900), logPath: `/70/123470/${patchset}/check/${job}/${uuid.slice(0, 7)}/` };
  });
  const failed = builds.some((b) => b.result !== 'SUCCESS');
  return {
    uuid: hexOf(`requirements buildset ${patchset}`, 32), pipeline: 'check', result: failed ? 'FAILURE' : 'SUCCESS', message: failed ? FAILED : SUCCEEDED,
    start, shape: 'nested', refs: [{ project: 'openstack/requirements', branch: 'master', change: REQUIREMENTS_CHANGE, patchset }], builds,
  };
}

export const REQUIREMENTS_BUILDSETS = {
  ps1: requirementsBuildset(1, CROSS_JOBS, '2024-04-02T14:00:00'),
  ps2: requirementsBuildset(2, CROSS_JOBS.slice(0, 40), '2024-04-03T09:00:00'),
};

const glance = (patchset: number): RefSpec => ({ project: 'openstack/glance', branch: 'master', change: GLANCE_CHANGE, patchset });

/** A tenant's own merge-failure message (Zuul's `merge-failure` pipeline option), not the default text. */
export const GLANCE_MERGE_FAILURE = 'Merge failed: this change could not be merged onto the tip of master. Please rebase it.';

export const GLANCE_BUILDSETS: Record<'ps1' | 'ps2merge' | 'ps3merge', BuildsetSpec> = {
  ps1: {
    uuid: hexOf('glance buildset 1', 32), pipeline: 'check', result: 'SUCCESS', message: SUCCEEDED, start: '2024-05-06T09:00:00', shape: 'nested',
    refs: [glance(1)],
    builds: [
      { uuid: hexOf('glance 1 pep8', 32), job: 'openstack-tox-pep8', result: 'SUCCESS', seconds: 160.0, logPath: `/01/970001/1/check/openstack-tox-pep8/${hexOf('glance 1 pep8', 7)}/` },
      { uuid: hexOf('glance 1 py311', 32), job: 'openstack-tox-py311', result: 'SUCCESS', seconds: 702.0, logPath: `/01/970001/1/check/openstack-tox-py311/${hexOf('glance 1 py311', 7)}/` },
    ],
  },
  ps2merge: {
    uuid: hexOf('glance buildset 2', 32), pipeline: 'check', result: 'MERGE_CONFLICT', message: GLANCE_MERGE_FAILURE, start: '2024-05-07T10:00:00', shape: 'nested',
    refs: [glance(2)],
    builds: [],
  },
  // Zuul did not comment on Gerrit about this one: only its buildset tells.
  ps3merge: {
    uuid: hexOf('glance buildset 3', 32), pipeline: 'check', result: 'MERGE_CONFLICT', message: MERGE_CONFLICT_MESSAGE, start: '2024-05-08T11:00:00', shape: 'nested',
    refs: [glance(3)],
    builds: [],
  },
};

const MERGED_COMMIT = hexOf('openstack/nova merged commit');
const PERIODIC_JOB = 'openstack-tox-py35-with-oslo-master';
const POST_JOB = 'publish-openstack-releasenotes-python3';
const PERIODIC_UUID = '3d4e5f6a7b8c49d0e1f2a3b4c5d6e7f8';
const POST_UUID = '4e5f6a7b8c9d40e1f2a3b4c5d6e7f8a9';

/** Builds of no change: Zuul v3's periodic log path (2018, on logs.openstack.org) and a ref-updated one. */
export const REF_BUILDSETS: Record<'periodic' | 'post', BuildsetSpec> = {
  periodic: {
    uuid: '8a9b0c1d2e3f44a5b6c7d8e9f0a1b2c3', pipeline: 'periodic', result: 'SUCCESS', message: SUCCEEDED, start: '2018-06-12T06:05:00', shape: 'flat',
    legacyHost: true, refs: [{ project: 'openstack/nova', branch: 'master', change: null, patchset: null }],
    builds: [
      {
        uuid: PERIODIC_UUID, job: PERIODIC_JOB, result: 'SUCCESS', seconds: 812.0,
        logPath: `/periodic/git.openstack.org/openstack/nova/master/${PERIODIC_JOB}/${PERIODIC_UUID.slice(0, 7)}/`,
      },
    ],
  },
  post: {
    uuid: '9b0c1d2e3f4a45b6c7d8e9f0a1b2c3d4', pipeline: 'post', result: 'SUCCESS', message: SUCCEEDED, start: '2024-02-16T11:20:00', shape: 'nested',
    refs: [{ project: 'openstack/nova', branch: 'master', change: null, patchset: null, newrev: MERGED_COMMIT }],
    builds: [
      {
        uuid: POST_UUID, job: POST_JOB, result: 'SUCCESS', seconds: 402.0,
        logPath: `/${MERGED_COMMIT.slice(0, 2)}/${MERGED_COMMIT}/post/${POST_JOB}/${POST_UUID.slice(0, 7)}/`,
      },
    ],
  },
};

function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(`${iso}Z`) + seconds * 1000).toISOString().slice(0, 19);
}

function refOf(ref: RefSpec) {
  const shard = String(ref.change).slice(-2);
  return {
    project: ref.project,
    branch: ref.branch,
    change: ref.change,
    patchset: ref.patchset === null ? null : String(ref.patchset),
    ref: ref.change === null ? `refs/heads/${ref.branch}` : `refs/changes/${shard}/${ref.change}/${ref.patchset}`,
    oldrev: ref.newrev ? hexOf(`${ref.newrev} parent`) : null,
    newrev: ref.newrev ?? null,
    ref_url: ref.change === null ? `https://opendev.org/${ref.project}/commit/${ref.newrev ?? ref.branch}` : `https://review.opendev.org/${ref.change}`,
  };
}

/** An older Zuul's flat fields: the change at the top level, `ref` a string, no oldrev. */
function flatRef(ref: RefSpec) {
  const { oldrev: _oldrev, ...flat } = refOf(ref);
  return flat;
}

export function buildRecord(set: BuildsetSpec, spec: BuildSpec, id: number, logOrigin: string): ZuulBuildRecord {
  const logUrl = spec.logPath === null ? null : logOrigin + spec.logPath;
  const ran = spec.seconds !== null;
  const common = {
    _id: id,
    uuid: spec.uuid,
    job_name: spec.job,
    result: spec.result,
    held: false,
    start_time: ran ? set.start : null,
    end_time: ran ? addSeconds(set.start, spec.seconds!) : null,
    duration: spec.seconds,
    voting: spec.voting ?? true,
    log_url: logUrl,
    nodeset: spec.job.startsWith('tempest') || spec.job.startsWith('nova-') ? 'openstack-single-node-jammy' : 'ubuntu-jammy',
    error_detail: spec.errorDetail ?? null,
    final: !spec.retried,
    artifacts: logUrl ? [{ name: 'Zuul Manifest', url: `${logUrl}zuul-manifest.json`, metadata: { type: 'zuul_manifest' } }] : [],
    provides: [],
    pipeline: set.pipeline,
    event_id: `${set.uuid.slice(0, 8)}-event`,
    buildset: { uuid: set.uuid },
  };
  const ref = spec.ref ?? set.refs[0];
  if (set.shape === 'nested') return { ...common, ref: refOf(ref), event_timestamp: set.start };
  return { ...common, ...flatRef(ref) };
}

export function buildsetRecord(set: BuildsetSpec): ZuulBuildsetRecord {
  const base = {
    uuid: set.uuid,
    result: set.result,
    message: set.message,
    pipeline: set.pipeline,
    event_id: `${set.uuid.slice(0, 8)}-event`,
    builds: set.builds.map((b) => b.uuid),
  };
  if (set.shape === 'nested') {
    return { ...base, refs: set.refs.map(refOf), first_build_start_time: set.builds.length > 0 ? set.start : null };
  }
  return { ...base, ...flatRef(set.refs[0]) };
}

export const ALL_BUILDSETS: BuildsetSpec[] = [
  ...Object.values(NOVA_BUILDSETS),
  CYCLE_BUILDSET,
  ...Object.values(REQUIREMENTS_BUILDSETS),
  ...Object.values(REF_BUILDSETS),
  ...Object.values(GLANCE_BUILDSETS),
];

/** The final build of `job` in a buildset (RETRY attempts aside). */
export function finalBuild(set: BuildsetSpec, job: string, change?: number): BuildSpec {
  const found = set.builds.find((b) => b.job === job && !b.retried && (change === undefined || (b.ref ?? set.refs[0]).change === change));
  if (!found) throw new Error(`no final ${job} build in buildset ${set.uuid}`);
  return found;
}

/** Zuul's data: log URLs on `artifactUrl`, an older Zuul's on `legacyLogsUrl` (FixtureBases). */
export function zuulFixture(artifactUrl: string, legacyLogsUrl = artifactUrl): FakeZuulData {
  let id = 3_000_000;
  return {
    tenant: ZUUL_TENANT,
    builds: ALL_BUILDSETS.flatMap((set) =>
      set.builds.map((spec) => buildRecord(set, spec, ++id, set.legacyHost ? legacyLogsUrl : artifactUrl)),
    ),
    buildsets: ALL_BUILDSETS.map(buildsetRecord),
  };
}
