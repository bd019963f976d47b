/**
 * Gerrit changes as review.openstack.org / review.opendev.org hold them:
 * - 271726 openstack/stackviz (Jenkins era, 2016): patch set 1 checked, patch set 2 checked,
 *   rechecked and gated, then merged; a late experimental result on patch set 1 is the last message.
 * - 269624 openstack/cinder (Jenkins era): 19 patch sets, Jenkins and a third-party "EMC ScaleIO CI".
 * - 123456 openstack/nova (Zuul, 2024): build-page links (relative ones on patch set 2), buildset
 *   lines, non-voting, SKIPPED without time, ERROR with detail (without and with a build page), a
 *   recheck on patch set 3, gate (a RETRY_LIMIT that left no logs), a third-party "Foo CI" with its
 *   own log server and a "Bar CI" with its own Zuul; patch set 4 ended in a merge conflict.
 * - 123460 openstack/nova and 123461 openstack/neutron: one dependency cycle; Zuul's report on each
 *   lists both changes' builds.
 * - 970001 openstack/glance: patch set 1 checked; 2 ran no jobs (Zuul's "Merge failed" comment, in
 *   the tenant's own words); 3 ran no jobs and has no comment (only Zuul's MERGE_CONFLICT buildset).
 * - 970002 openstack/glance: one patch set, just uploaded: no CI result yet.
 * - 123470 openstack/requirements: Zuul's report on patch set 1 (240 jobs) cut at Gerrit's size
 *   limit, ending in "... (truncated)"; 40 jobs on patch set 2.
 */
import { AccountInfo, ChangeInfo, ChangeMessageInfo, RevisionInfo } from '../fake-gerrit';
import { BAR_BUILD, BAR_BUILDSET, BAR_ZUUL, elapsed, FixtureBases, hexOf, THIRD_PARTY_LOGS } from './fixture-bases';
import { BuildSpec, CYCLE_BUILDSET, CYCLE_CHANGES, GLANCE_BUILDSETS, GLANCE_CHANGE, GLANCE_MERGE_FAILURE, MERGE_CONFLICT_MESSAGE, NOVA_BUILDSETS, NOVA_CHANGE, REQUIREMENTS_BUILDSETS, REQUIREMENTS_CHANGE } from './zuul-builds';

const JENKINS: AccountInfo = { _account_id: 3, name: 'Jenkins', email: 'jenkins@review.openstack.org', username: 'jenkins' };
export const ZUUL: AccountInfo = { _account_id: 22348, name: 'Zuul', username: 'zuul' };
const FOO_CI: AccountInfo = { _account_id: 30512, name: 'Foo CI', email: 'foo-ci@foo.example', username: 'foo-ci' };
const BAR_CI: AccountInfo = { _account_id: 31877, name: 'Bar CI', email: 'bar-ci@bar.example', username: 'bar-ci' };
const EMC_CI: AccountInfo = { _account_id: 14384, name: 'EMC ScaleIO CI', email: 'scaleio-ci@emc.example', username: 'emc-scaleio-ci' };
const TIM: AccountInfo = { _account_id: 10239, name: 'Tim Buckley', email: 'tim.buckley@hpe.example', username: 'timothy-buckley' };
const MATT: AccountInfo = { _account_id: 5689, name: 'Matthew Treinish', email: 'mtreinish@kortar.example', username: 'mtreinish' };
const XING: AccountInfo = { _account_id: 16898, name: 'Xing Yang', email: 'xing.yang@emc.example', username: 'xing-yang' };
export const DEV: AccountInfo = { _account_id: 34210, name: 'Alex Developer', email: 'alex@example.org', username: 'alexdev' };
const CORE: AccountInfo = { _account_id: 9008, name: 'Sam Core', email: 'sam.core@example.org', username: 'samcore' };

const LEGACY_HOWTO = 'For information on how to proceed, see http://docs.openstack.org/infra/manual/developers.html#automated-testing';
const MODERN_HOWTO =
  'For information on how to proceed, see\nhttps://docs.opendev.org/opendev/infra-manual/latest/developers.html#automated-testing';

const sha = (seed: string) => hexOf(seed);

export function revisions(change: number, uploader: AccountInfo, created: string[]): Record<string, RevisionInfo> {
  const shard = String(change).slice(-2);
  return Object.fromEntries(
    created.map((date, i) => [
      sha(`${change}/${i + 1}`),
      { kind: i === 0 ? 'REWORK' : 'TRIVIAL_REBASE', _number: i + 1, created: date, uploader, ref: `refs/changes/${shard}/${change}/${i + 1}` },
    ]),
  );
}

export function message(change: number, n: number, author: AccountInfo | undefined, date: string, ps: number, text: string, tag?: string): ChangeMessageInfo {
  return { id: sha(`${change}-message-${n}`), ...(author ? { author, real_author: author } : {}), date, message: text, _revision_number: ps, ...(tag ? { tag } : {}) };
}

function legacyJobs(base: string, shardPath: string, pipeline: string, jobs: [string, string, string, number, boolean?][]): string {
  return jobs
    .map(([job, hash, result, seconds, nonVoting]) => `- ${job} ${base}/${shardPath}/${pipeline}/${job}/${hash}/ : ${result} in ${elapsed(seconds)}${nonVoting ? ' (non-voting)' : ''}`)
    .join('\n');
}

function stackviz(bases: FixtureBases): ChangeInfo {
  const L = bases.legacyLogsUrl;
  const revs = revisions(271726, TIM, ['2016-01-25 18:02:11.000000000', '2016-02-02 20:15:02.000000000']);
  const m = (n: number, a: AccountInfo | undefined, d: string, ps: number, t: string, tag?: string) => message(271726, n, a, d, ps, t, tag);
  return {
    id: 'openstack%2Fstackviz~master~I8f0e7c3b2a1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f',
    project: 'openstack/stackviz',
    branch: 'master',
    change_id: 'I8f0e7c3b2a1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f',
    subject: 'Add nprogress progress bars to timeline and test-details.',
    status: 'MERGED',
    created: '2016-01-25 18:02:11.000000000',
    updated: '2016-02-09 03:05:12.000000000',
    owner: TIM,
    _number: 271726,
    current_revision: sha('271726/2'),
    revisions: revs,
    messages: [
      m(1, TIM, '2016-01-25 18:02:11.000000000', 1, 'Uploaded patch set 1.', 'autogenerated:gerrit:newPatchSet'),
      m(2, JENKINS, '2016-01-25 18:10:40.000000000', 1, `Patch Set 1: Verified-1\n\nBuild failed (check pipeline).  ${LEGACY_HOWTO}\n\n${legacyJobs(L, '26/271726/1', 'check', [
        ['gate-stackviz-pep8', '3e1f2a0', 'FAILURE', 58],
        ['gate-stackviz-python27', 'a4c2d1b', 'SUCCESS', 101],
        ['gate-stackviz-python34', '5b7e9c3', 'SUCCESS', 112],
        ['gate-stackviz-docs', 'c0d1e2f', 'SUCCESS', 72],
        ['gate-stackviz-npm-run-test', 'd3e4f5a', 'SUCCESS', 150, true],
      ])}\n`),
      m(3, MATT, '2016-01-26 14:00:09.000000000', 1, 'Patch Set 1: Code-Review-1\n\n(3 comments)\n\nA few nits inline.'),
      m(4, TIM, '2016-02-02 20:15:02.000000000', 2, 'Uploaded patch set 2.', 'autogenerated:gerrit:newPatchSet'),
      m(5, JENKINS, '2016-02-02 20:24:48.000000000', 2, `Patch Set 2: Verified-1\n\nBuild failed (check pipeline).  ${LEGACY_HOWTO}\n\n${legacyJobs(L, '26/271726/2', 'check', [
        ['gate-stackviz-pep8', '0a1b2c3', 'SUCCESS', 60],
        ['gate-stackviz-python27', '6d5e4f3', 'FAILURE', 220],
        ['gate-stackviz-python34', '7e6f5a4', 'SUCCESS', 231],
        ['gate-stackviz-docs', '8f7a6b5', 'SUCCESS', 75],
        ['gate-tempest-dsvm-full', '9a8b7c6', 'FAILURE', 3902, true],
        ['gate-stackviz-npm-run-test', 'a9b8c7d', 'FAILURE', 167, true],
      ])}\n`),
      m(6, TIM, '2016-02-03 09:00:31.000000000', 2, 'Patch Set 2:\n\nrecheck'),
      m(7, JENKINS, '2016-02-03 09:12:30.000000000', 2, `Patch Set 2: Verified+1\n\nBuild succeeded (check pipeline).\n\n${legacyJobs(L, '26/271726/2', 'check', [
        ['gate-stackviz-pep8', '7c374a7', 'SUCCESS', 62],
        ['gate-stackviz-python27', '1b2c3d4', 'SUCCESS', 218],
        ['gate-stackviz-python34', '2c3d4e5', 'SUCCESS', 231],
        ['gate-stackviz-docs', '0d0c5e1', 'SUCCESS', 75],
        ['gate-tempest-dsvm-full', 'abc1234', 'SUCCESS', 3671, true],
        ['gate-tempest-dsvm-neutron-full', '0a1b2c3', 'SUCCESS', 4210, true],
        ['gate-stackviz-npm-run-test', '4e5f6a7', 'FAILURE', 167, true],
      ])}\n`),
      m(8, MATT, '2016-02-09 02:20:00.000000000', 2, 'Patch Set 2: Code-Review+2 Workflow+1'),
      m(9, JENKINS, '2016-02-09 02:39:10.000000000', 2, `Patch Set 2: Verified+2\n\nBuild succeeded (gate pipeline).\n\n${legacyJobs(L, '26/271726/2', 'gate', [
        ['gate-stackviz-pep8', '8f9a0b1', 'SUCCESS', 65],
        ['gate-stackviz-python27', '937cf7b', 'SUCCESS', 215],
        ['gate-stackviz-python34', '9b8c7d6', 'SUCCESS', 229],
        ['gate-stackviz-docs', 'e5f6a7b', 'SUCCESS', 71],
        ['gate-tempest-dsvm-full', 'def5678', 'SUCCESS', 3720],
      ])}\n`),
      m(10, JENKINS, '2016-02-09 02:39:15.000000000', 2, 'Change has been successfully merged into the git repository.'),
      // Queued long before, reported last: the newest patch set is still 2.
      m(11, JENKINS, '2016-02-09 03:05:12.000000000', 1, `Patch Set 1:\n\nBuild succeeded (experimental pipeline).\n\n${legacyJobs(L, '26/271726/1', 'experimental', [
        ['gate-stackviz-dsvm-integration', 'aa11bb2', 'SUCCESS', 1491],
      ])}\n`),
    ],
  };
}

function cinder(bases: FixtureBases): ChangeInfo {
  const L = bases.legacyLogsUrl;
  // 19 patch sets between 2016-01-12 and 2016-02-06, in Gerrit's date format.
  const created = Array.from({ length: 19 }, (_, i) =>
    new Date(Date.UTC(2016, 0, 12, 10) + i * 1.4 * 86400000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '.000000000'),
  );
  const m = (n: number, a: AccountInfo | undefined, d: string, ps: number, t: string, tag?: string) => message(269624, n, a, d, ps, t, tag);
  return {
    id: 'openstack%2Fcinder~master~I0c4b8e2a9d1f3e5a7c9b0d2f4a6c8e0b1d3f5a7c',
    project: 'openstack/cinder',
    branch: 'master',
    change_id: 'I0c4b8e2a9d1f3e5a7c9b0d2f4a6c8e0b1d3f5a7c',
    subject: 'Support for consistency groups in ScaleIO driver',
    status: 'NEW',
    created: created[0],
    updated: '2016-02-08 23:41:07.000000000',
    owner: XING,
    _number: 269624,
    current_revision: sha('269624/19'),
    revisions: revisions(269624, XING, created),
    messages: [
      m(1, XING, created[0], 1, 'Uploaded patch set 1.', 'autogenerated:gerrit:newPatchSet'),
      m(2, JENKINS, '2016-02-05 11:02:44.000000000', 18, `Patch Set 18: Verified-1\n\nBuild failed (check pipeline).  ${LEGACY_HOWTO}\n\n${legacyJobs(L, '24/269624/18', 'check', [
        ['gate-cinder-pep8', '5a4b3c2', 'FAILURE', 241],
        ['gate-cinder-python27', '6b5c4d3', 'SUCCESS', 598],
        ['gate-tempest-dsvm-full', '7c6d5e4', 'SUCCESS', 3761],
      ])}\n`),
      m(3, XING, created[18], 19, 'Uploaded patch set 19: Commit message was updated.', 'autogenerated:gerrit:newPatchSet'),
      m(4, JENKINS, '2016-02-08 22:14:31.000000000', 19, `Patch Set 19: Verified+1\n\nBuild succeeded (check pipeline).\n\n${legacyJobs(L, '24/269624/19', 'check', [
        ['gate-cinder-pep8', '1f2e3d4', 'SUCCESS', 241],
        ['gate-cinder-python27', '2e3d4c5', 'SUCCESS', 602],
        ['gate-tempest-dsvm-full', '84f9b4a', 'SUCCESS', 3751],
        ['gate-tempest-dsvm-neutron-full', '3d4c5b6', 'SUCCESS', 4102],
        ['gate-cinder-python34', '4c5b6a7', 'SUCCESS', 633],
      ])}\n`),
      m(5, EMC_CI, '2016-02-08 23:41:07.000000000', 19, `Patch Set 19: Verified+1\n\nBuild succeeded.\n\n- dsvm-tempest-full-scaleio ${THIRD_PARTY_LOGS}/24/269624/19/dsvm-tempest-full-scaleio/51/ : SUCCESS in 1h 31m 20s\n`),
    ],
  };
}

/** Job lines as Zuul reports them: a build page (or the job name where it has none), the result, its error detail, the time. */
export function zuulJobs(zuulUrl: string, builds: BuildSpec[], relative = false): string {
  return builds
    .filter((b) => !b.retried)
    .map((b) => {
      const link = b.unlinked ? b.job : relative ? `build/${b.uuid}` : `${zuulUrl}/t/openstack/build/${b.uuid}`;
      const result = b.errorDetail ? `${b.result} ${b.errorDetail}` : b.result;
      const time = b.seconds === null ? '' : ` in ${elapsed(b.seconds)}`;
      return `- ${b.job} ${link} : ${result}${time}${b.voting === false ? ' (non-voting)' : ''}`;
    })
    .join('\n');
}

/**
 * What Zuul posts: a report of 16056 UTF-8 bytes or more is cut to its first 16036 characters and
 * "... (truncated)" (Zuul's Gerrit driver since October 2021), under Gerrit's 16 KiB comment limit.
 */
function zuulPosted(report: string): string {
  return Buffer.byteLength(report) >= 16056 ? `${report.slice(0, 16036)}... (truncated)` : report;
}

export function zuulReport(ps: number, vote: string, outcome: string, pipeline: string, body: string): string {
  const how = outcome === 'failed' ? `  ${MODERN_HOWTO}` : '';
  return `Patch Set ${ps}: ${vote}\n\n${zuulPosted(`Build ${outcome} (${pipeline} pipeline).${how}\n\n${body}\n`)}`;
}

function nova(bases: FixtureBases): ChangeInfo {
  const Z = bases.zuulUrl;
  const S = NOVA_BUILDSETS;
  const m = (n: number, a: AccountInfo | undefined, d: string, ps: number, t: string, tag?: string) => message(NOVA_CHANGE, n, a, d, ps, t, tag);
  const report = zuulReport;
  return {
    id: 'openstack%2Fnova~master~I3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    project: 'openstack/nova',
    branch: 'master',
    change_id: 'I3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    subject: 'libvirt: Add support for virtio-sound devices',
    status: 'NEW',
    created: '2024-02-10 09:10:41.000000000',
    updated: '2024-02-15 08:32:10.000000000',
    owner: DEV,
    _number: NOVA_CHANGE,
    current_revision: sha('123456/4'),
    revisions: revisions(NOVA_CHANGE, DEV, [
      '2024-02-10 09:10:41.000000000',
      '2024-02-12 15:38:02.000000000',
      '2024-02-13 21:45:10.000000000',
      '2024-02-15 08:30:12.000000000',
    ]),
    messages: [
      m(1, DEV, '2024-02-10 09:10:41.000000000', 1, 'Uploaded patch set 1.', 'autogenerated:gerrit:newPatchSet'),
      m(2, ZUUL, '2024-02-10 09:25:30.000000000', 1, report(1, 'Verified-1', 'failed', 'check', zuulJobs(Z, S.ps1.builds)), 'autogenerated:zuul:check'),
      m(3, DEV, '2024-02-12 15:38:02.000000000', 2, 'Uploaded patch set 2.', 'autogenerated:gerrit:newPatchSet'),
      m(4, ZUUL, '2024-02-12 15:51:40.000000000', 2, report(2, 'Verified-1', 'failed', 'check', `buildset/${S.ps2.uuid}\n\n${zuulJobs(Z, S.ps2.builds, true)}`), 'autogenerated:zuul:check'),
      m(5, DEV, '2024-02-13 21:45:10.000000000', 3, 'Uploaded patch set 3.', 'autogenerated:gerrit:newPatchSet'),
      m(6, FOO_CI, '2024-02-13 22:02:10.000000000', 3, 'Patch Set 3:\n\nBuild started.'),
      m(7, ZUUL, '2024-02-13 23:41:00.000000000', 3, report(3, 'Verified-1', 'failed', 'check', `${Z}/t/openstack/buildset/${S.ps3check.uuid}\n\n${zuulJobs(Z, S.ps3check.builds)}`), 'autogenerated:zuul:check'),
      m(8, FOO_CI, '2024-02-14 00:03:22.000000000', 3, `Patch Set 3: Verified+1\n\nBuild succeeded (check pipeline).\n\n- foo-tempest-dsvm ${THIRD_PARTY_LOGS}/56/123456/3/check/foo-tempest-dsvm/7a8b9c0/ : SUCCESS in 2h 01m 12s\n`),
      // A third-party CI running its own Zuul: its build pages are on that Zuul, not ours.
      m(15, BAR_CI, '2024-02-14 01:12:40.000000000', 3, `Patch Set 3: Verified+1\n\nBuild succeeded (check pipeline).\n\n${BAR_ZUUL}/t/bar/buildset/${BAR_BUILDSET}\n\n- bar-tempest-ceph ${BAR_ZUUL}/t/bar/build/${BAR_BUILD} : SUCCESS in 1h 10m 03s\n`),
      m(9, DEV, '2024-02-14 02:05:00.000000000', 3, 'Patch Set 3:\n\nrecheck'),
      m(10, ZUUL, '2024-02-14 03:47:30.000000000', 3, report(3, 'Verified+1', 'succeeded', 'check', `${Z}/t/openstack/buildset/${S.ps3recheck.uuid}\n\n${zuulJobs(Z, S.ps3recheck.builds)}`), 'autogenerated:zuul:check'),
      m(11, CORE, '2024-02-14 10:00:02.000000000', 3, 'Patch Set 3: Code-Review+2 Workflow+1\n\n(1 comment)'),
      m(12, ZUUL, '2024-02-14 13:04:11.000000000', 3, report(3, 'Verified-2', 'failed', 'gate', `${Z}/t/openstack/buildset/${S.ps3gate.uuid}\n\n${zuulJobs(Z, S.ps3gate.builds)}`), 'autogenerated:zuul:gate'),
      m(13, DEV, '2024-02-15 08:30:12.000000000', 4, 'Uploaded patch set 4: Patch Set 3 was rebased.', 'autogenerated:gerrit:newPatchSet'),
      m(14, FOO_CI, '2024-02-15 08:31:00.000000000', 4, 'Patch Set 4:\n\nBuild started.'),
      m(16, ZUUL, '2024-02-15 08:32:10.000000000', 4, `Patch Set 4: Verified-1\n\n${MERGE_CONFLICT_MESSAGE}\n`, 'autogenerated:zuul:check'),
    ],
  };
}

/**
 * Zuul's report on a change of a dependency cycle: every change's builds, so a job name appears
 * once per change that ran it; then the related changes.
 */
function cycleReport(zuulUrl: string, ps: number): string {
  const related = [`https://review.opendev.org/c/openstack/nova/+/${CYCLE_CHANGES.nova}`, `https://review.opendev.org/c/openstack/neutron/+/${CYCLE_CHANGES.neutron}`];
  return `Patch Set ${ps}: Verified-1\n\nThis change is part of a dependency cycle that failed.\n\n\n${zuulJobs(zuulUrl, CYCLE_BUILDSET.builds)}\n\nRelated changes:\n${related.map((u) => `  - ${u}`).join('\n')}\n`;
}

function cycleChange(number: number, project: string, subject: string, created: string[], bases: FixtureBases): ChangeInfo {
  const ps = created.length;
  const m = (n: number, a: AccountInfo | undefined, d: string, p: number, t: string, tag?: string) => message(number, n, a, d, p, t, tag);
  return {
    id: `${encodeURIComponent(project)}~master~I${sha(`${number} change-id`)}`,
    project,
    branch: 'master',
    change_id: `I${sha(`${number} change-id`)}`,
    subject,
    status: 'NEW',
    created: created[0],
    updated: '2024-03-04 12:01:44.000000000',
    owner: DEV,
    _number: number,
    current_revision: sha(`${number}/${ps}`),
    revisions: revisions(number, DEV, created),
    messages: [
      ...created.map((date, i) => m(i + 1, DEV, date, i + 1, `Uploaded patch set ${i + 1}.`, 'autogenerated:gerrit:newPatchSet')),
      m(ps + 1, ZUUL, '2024-03-04 12:01:44.000000000', ps, cycleReport(bases.zuulUrl, ps), 'autogenerated:zuul:check'),
    ],
  };
}

/** openstack/requirements 123470: 240 jobs on patch set 1 (Zuul's report cut at Gerrit's limit), 40 on patch set 2. */
function requirements(bases: FixtureBases): ChangeInfo {
  const Z = bases.zuulUrl;
  const R = REQUIREMENTS_BUILDSETS;
  const created = ['2024-04-02 13:58:20.000000000', '2024-04-03 08:59:02.000000000'];
  const m = (n: number, a: AccountInfo | undefined, d: string, ps: number, t: string, tag?: string) => message(REQUIREMENTS_CHANGE, n, a, d, ps, t, tag);
  return {
    id: 'openstack%2Frequirements~master~I5e4d3c2b1a0f9e8d7c6b5a4938271605f4e3d2c1',
    project: 'openstack/requirements',
    branch: 'master',
    change_id: 'I5e4d3c2b1a0f9e8d7c6b5a4938271605f4e3d2c1',
    subject: 'update constraint for oslo.db to new release 15.1.0',
    status: 'NEW',
    created: created[0],
    updated: '2024-04-03 10:40:51.000000000',
    owner: DEV,
    _number: REQUIREMENTS_CHANGE,
    current_revision: sha(`${REQUIREMENTS_CHANGE}/2`),
    revisions: revisions(REQUIREMENTS_CHANGE, DEV, created),
    messages: [
      m(1, DEV, created[0], 1, 'Uploaded patch set 1.', 'autogenerated:gerrit:newPatchSet'),
      m(2, ZUUL, '2024-04-02 16:31:05.000000000', 1, zuulReport(1, 'Verified-1', 'failed', 'check', `${Z}/t/openstack/buildset/${R.ps1.uuid}\n\n${zuulJobs(Z, R.ps1.builds)}`), 'autogenerated:zuul:check'),
      m(3, DEV, created[1], 2, 'Uploaded patch set 2.', 'autogenerated:gerrit:newPatchSet'),
      m(4, ZUUL, '2024-04-03 10:40:51.000000000', 2, zuulReport(2, 'Verified+1', 'succeeded', 'check', `${Z}/t/openstack/buildset/${R.ps2.uuid}\n\n${zuulJobs(Z, R.ps2.builds)}`), 'autogenerated:zuul:check'),
    ],
  };
}

function glanceChange(number: number, subject: string, created: string[], messages: ChangeMessageInfo[]): ChangeInfo {
  const ps = created.length;
  return {
    id: `openstack%2Fglance~master~I${sha(`${number} change-id`)}`,
    project: 'openstack/glance',
    branch: 'master',
    change_id: `I${sha(`${number} change-id`)}`,
    subject,
    status: 'NEW',
    created: created[0],
    updated: created[ps - 1],
    owner: DEV,
    _number: number,
    current_revision: sha(`${number}/${ps}`),
    revisions: revisions(number, DEV, created),
    messages: [...created.map((date, i) => message(number, i + 1, DEV, date, i + 1, `Uploaded patch set ${i + 1}.`, 'autogenerated:gerrit:newPatchSet')), ...messages],
  };
}

/** openstack/glance 970001: patch set 1 checked, then two patch sets Zuul could not merge. */
function glance(bases: FixtureBases): ChangeInfo {
  const Z = bases.zuulUrl;
  const G = GLANCE_BUILDSETS;
  const created = ['2024-05-06 08:58:00.000000000', '2024-05-07 09:58:00.000000000', '2024-05-08 10:58:00.000000000'];
  return glanceChange(GLANCE_CHANGE, 'Add image cache pruning', created, [
    message(GLANCE_CHANGE, 10, ZUUL, '2024-05-06 09:20:00.000000000', 1, zuulReport(1, 'Verified+1', 'succeeded', 'check', `${Z}/t/openstack/buildset/${G.ps1.uuid}\n\n${zuulJobs(Z, G.ps1.builds)}`), 'autogenerated:zuul:check'),
    message(GLANCE_CHANGE, 11, ZUUL, '2024-05-07 10:00:30.000000000', 2, `Patch Set 2: Verified-1\n\n${GLANCE_MERGE_FAILURE}\n`, 'autogenerated:zuul:check'),
  ]);
}

export function gerritFixture(bases: FixtureBases): ChangeInfo[] {
  return [
    stackviz(bases),
    cinder(bases),
    nova(bases),
    cycleChange(CYCLE_CHANGES.nova, 'openstack/nova', 'Bind ports through the extended port binding API', ['2024-03-04 09:40:12.000000000'], bases),
    cycleChange(CYCLE_CHANGES.neutron, 'openstack/neutron', 'Extended port binding: report the host to Nova', ['2024-03-01 16:20:44.000000000', '2024-03-04 09:41:30.000000000'], bases),
    requirements(bases),
    glance(bases),
    glanceChange(970002, 'Document the image cache pruning', ['2024-05-09 07:30:00.000000000'], []),
  ];
}
