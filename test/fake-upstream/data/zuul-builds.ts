/**
 * Zuul's builds for change 123456 (openstack/nova): patch set 1 from an older Zuul (flat build
 * shape), later ones from Zuul ≥ 10 (nested `ref{}`, patchset a string). Patch set 3 ran check
 * twice (a recheck), then gate. Some log paths match test/fake-upstream/fake-logs.ts's LOG_PATHS.
 */
import { FakeZuulData, ZuulBuildRecord, ZuulBuildsetRecord } from '../fake-zuul';

export const ZUUL_TENANT = 'openstack';
export const NOVA_CHANGE = 123456;

interface BuildSpec {
  uuid: string;
  job: string;
  result: string;
  /** Seconds; null for builds that never ran (SKIPPED, ERROR). */
  seconds: number | null;
  voting?: boolean;
  /** Below the artifact origin; null when the build left no logs. */
  logPath: string | null;
  errorDetail?: string;
}

interface BuildsetSpec {
  uuid: string;
  patchset: number;
  pipeline: string;
  result: string;
  start: string;
  shape: 'flat' | 'nested';
  builds: BuildSpec[];
}

const check = (ps: number, job: string, hash: string) => `/56/123456/${ps}/check/${job}/${hash}/`;

export const NOVA_BUILDSETS = {
  ps1: {
    uuid: '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6', patchset: 1, pipeline: 'check', result: 'FAILURE', start: '2024-02-10T09:12:03', shape: 'flat',
    builds: [
      { uuid: 'd7b1e2f3a4c54d6e8f9a0b1c2d3e4f51', job: 'openstack-tox-pep8', result: 'FAILURE', seconds: 187.0, logPath: check(1, 'openstack-tox-pep8', 'd7b1e2f') },
      { uuid: '8e2c3d4f5a6b47c89d0e1f2a3b4c5d62', job: 'openstack-tox-py311', result: 'SUCCESS', seconds: 571.0, logPath: check(1, 'openstack-tox-py311', '8e2c3d4') },
    ],
  },
  ps2: {
    uuid: '2b3c4d5e6f7a48b9c0d1e2f3a4b5c6d7', patchset: 2, pipeline: 'check', result: 'FAILURE', start: '2024-02-12T15:40:27', shape: 'nested',
    builds: [
      { uuid: '0f1e2d3c4b5a46978877665544332211', job: 'openstack-tox-pep8', result: 'SUCCESS', seconds: 181.0, logPath: check(2, 'openstack-tox-pep8', '0f1e2d3') },
      { uuid: '9d8c7b6a5f4e43d2c1b0a99887766554', job: 'openstack-tox-py311', result: 'FAILURE', seconds: 612.0, logPath: check(2, 'openstack-tox-py311', '9d8c7b6') },
    ],
  },
  ps3check: {
    uuid: '338114acf62841f48d37862efc29cb87', patchset: 3, pipeline: 'check', result: 'FAILURE', start: '2024-02-13T21:47:14', shape: 'nested',
    builds: [
      { uuid: 'b1c2d3e4f5a6478990a1b2c3d4e5f607', job: 'openstack-tox-pep8', result: 'SUCCESS', seconds: 192.0, logPath: check(3, 'openstack-tox-pep8', 'b1c2d3e') },
      { uuid: 'c2d3e4f5a6b7489a01b2c3d4e5f60718', job: 'openstack-tox-py311', result: 'SUCCESS', seconds: 581.0, logPath: check(3, 'openstack-tox-py311', 'c2d3e4f') },
      { uuid: '5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b', job: 'tempest-full-py3', result: 'FAILURE', seconds: 6730.0, logPath: '/openstack/5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b/' },
      { uuid: '9a1b2c3d4e5f40718293a4b5c6d7e8f9', job: 'nova-next', result: 'POST_FAILURE', seconds: 3482.0, voting: false, logPath: check(3, 'nova-next', '9a1b2c3') },
      { uuid: '0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5', job: 'nova-grenade-multinode', result: 'SKIPPED', seconds: null, logPath: null },
      {
        uuid: '7e6f5a4b3c2d41e0f9a8b7c6d5e4f3a2', job: 'nova-multi-cell', result: 'ERROR', seconds: null, logPath: null,
        errorDetail: 'Project openstack/placement-foo does not have the default branch master',
      },
    ],
  },
  ps3recheck: {
    uuid: '4c5d6e7f8a9b40c1d2e3f4a5b6c7d8e9', patchset: 3, pipeline: 'check', result: 'SUCCESS', start: '2024-02-14T02:05:51', shape: 'nested',
    builds: [
      { uuid: 'e09e82136d714711a5d01051bc633e65', job: 'openstack-tox-pep8', result: 'SUCCESS', seconds: 188.0, logPath: '/56/123456/3/check/openstack-tox-pep8/e09e821/' },
      { uuid: 'f3a4b5c6d7e8490a1b2c3d4e5f6a7b8c', job: 'openstack-tox-py311', result: 'SUCCESS', seconds: 566.0, logPath: check(3, 'openstack-tox-py311', 'f3a4b5c') },
      { uuid: '5f0c1a2e9d8c47b6a5f4e3d2c1b0a998', job: 'tempest-full-py3', result: 'SUCCESS', seconds: 6067.0, logPath: '/95/123456/3/check/tempest-full-py3/5f0c1a2/' },
      { uuid: 'a4b5c6d7e8f94a0b1c2d3e4f5a6b7c8d', job: 'nova-next', result: 'POST_FAILURE', seconds: 3391.0, voting: false, logPath: check(3, 'nova-next', 'a4b5c6d') },
      { uuid: 'b5c6d7e8f9a04b1c2d3e4f5a6b7c8d9e', job: 'nova-grenade-multinode', result: 'SKIPPED', seconds: null, logPath: null },
      { uuid: 'c6d7e8f9a0b14c2d3e4f5a6b7c8d9e0f', job: 'nova-multi-cell', result: 'SUCCESS', seconds: 4200.0, logPath: check(3, 'nova-multi-cell', 'c6d7e8f') },
    ],
  },
  ps3gate: {
    uuid: '5d6e7f8a9b0c41d2e3f4a5b6c7d8e9f0', patchset: 3, pipeline: 'gate', result: 'FAILURE', start: '2024-02-14T10:03:12', shape: 'nested',
    builds: [
      { uuid: 'd7e8f9a0b1c24d3e4f5a6b7c8d9e0f1a', job: 'openstack-tox-pep8', result: 'SUCCESS', seconds: 201.0, logPath: '/56/123456/3/gate/openstack-tox-pep8/d7e8f9a/' },
      { uuid: 'e8f9a0b1c2d34e4f5a6b7c8d9e0f1a2b', job: 'tempest-full-py3', result: 'TIMED_OUT', seconds: 10800.0, logPath: '/56/123456/3/gate/tempest-full-py3/e8f9a0b/' },
    ],
  },
} satisfies Record<string, BuildsetSpec>;

function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(`${iso}Z`) + seconds * 1000).toISOString().slice(0, 19);
}

function refOf(set: BuildsetSpec) {
  return {
    project: 'openstack/nova',
    branch: 'master',
    change: NOVA_CHANGE,
    patchset: String(set.patchset),
    ref: `refs/changes/56/${NOVA_CHANGE}/${set.patchset}`,
    oldrev: null,
    newrev: null,
    ref_url: `https://review.opendev.org/${NOVA_CHANGE}`,
  };
}

function buildRecord(set: BuildsetSpec, spec: BuildSpec, id: number, artifactUrl: string): ZuulBuildRecord {
  const logUrl = spec.logPath === null ? null : artifactUrl + spec.logPath;
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
    final: true,
    artifacts: logUrl ? [{ name: 'Zuul Manifest', url: `${logUrl}zuul-manifest.json`, metadata: { type: 'zuul_manifest' } }] : [],
    provides: [],
    pipeline: set.pipeline,
    event_id: `${set.uuid.slice(0, 8)}-event`,
    buildset: { uuid: set.uuid },
  };
  if (set.shape === 'nested') return { ...common, ref: refOf(set), event_timestamp: set.start };
  // Older Zuul: change fields at the top level, `ref` a string, patchset a string as well.
  const { ref, ...flat } = refOf(set);
  return { ...common, ...flat, ref };
}

function buildsetRecord(set: BuildsetSpec): ZuulBuildsetRecord {
  const base = {
    uuid: set.uuid,
    result: set.result,
    message: set.result === 'SUCCESS' ? 'Build succeeded.' : 'Build failed.',
    pipeline: set.pipeline,
    event_id: `${set.uuid.slice(0, 8)}-event`,
    builds: set.builds.map((b) => b.uuid),
  };
  if (set.shape === 'nested') return { ...base, refs: [refOf(set)], first_build_start_time: set.start };
  const { ref, ...flat } = refOf(set);
  return { ...base, ...flat, ref };
}

/** Zuul's data with log URLs on `artifactUrl` (FixtureBases.artifactUrl). */
export function zuulFixture(artifactUrl: string): FakeZuulData {
  let id = 3_000_000;
  const sets = Object.values(NOVA_BUILDSETS) as BuildsetSpec[];
  return {
    tenant: ZUUL_TENANT,
    builds: sets.flatMap((set) => set.builds.map((spec) => buildRecord(set, spec, ++id, artifactUrl))),
    buildsets: sets.map(buildsetRecord),
  };
}
