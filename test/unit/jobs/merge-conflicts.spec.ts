import type { GerritChange, GerritMessage } from '../../../src/gerrit/gerrit-client';
import { hasMergeFailureComment, isMergeConflictResult, noResultsMessage } from '../../../src/jobs/merge-conflicts';

const ZUUL = { _account_id: 22348, name: 'Zuul', username: 'zuul' };
const DEV = { _account_id: 34210, name: 'Alex Developer', username: 'alexdev' };

function changeWith(...messages: Partial<GerritMessage>[]): GerritChange {
  return {
    _number: 970001,
    project: 'openstack/glance',
    subject: 'x',
    revisions: {},
    messages: messages.map((m, i) => ({ id: String(i), date: '2024-05-07 10:00:30.000000000', message: '', _revision_number: 2, ...m })),
  };
}

describe('hasMergeFailureComment', () => {
  it.each([
    // Zuul's default merge-failure text (zuul/configloader.py), as OpenDev posts it
    'Patch Set 2: Verified-1\n\nMerge Failed.\n\nThis change or one of its cross-repo dependencies was unable to be automatically merged with the current state of its repository. Please rebase the change and upload a new patchset.',
    // Jenkins-era Zuul v2
    'Patch Set 2:\n\nMerge Failed.\n\nThis change was unable to be automatically merged with the current state of the repository. Please rebase your change and upload a new patchset.',
    // tenants' own `merge-failure` texts
    'Patch Set 2: Verified-1\n\nMerge failed: this change could not be merged onto the tip of master. Please rebase it.',
    'Patch Set 2: Verified-1\n\nThis change has a merge conflict with its branch; please rebase.',
  ])('reads %j from the CI account as a merge failure', (text) => {
    expect(hasMergeFailureComment(changeWith({ author: ZUUL, message: text }), 2, ['zuul'])).toBe(true);
  });

  it.each([
    ['a person saying so', { author: DEV, message: 'Patch Set 2:\n\nMerge Failed. recheck please' }],
    ['another patch set', { author: ZUUL, message: 'Merge Failed.', _revision_number: 1 }],
    [
      'a job report',
      {
        author: ZUUL,
        message: 'Patch Set 2: Verified+1\n\nBuild succeeded (check pipeline).\n\n- openstack-tox-pep8 build/x : SUCCESS in 2m 40s',
      },
    ],
    ['Gerrit itself', { message: 'Patch Set 2: Patch Set 1 was rebased' }],
  ])('does not read %s as one', (_case, message) => {
    expect(hasMergeFailureComment(changeWith(message), 2, ['zuul'])).toBe(false);
  });
});

describe('isMergeConflictResult', () => {
  it('is true for the results Zuul gives a buildset it could not merge, and only those', () => {
    expect(['MERGE_CONFLICT', 'MERGE_FAILURE', 'MERGER_FAILURE'].map(isMergeConflictResult)).toEqual([true, true, true]);
    expect(['CONFIG_ERROR', 'NO_JOBS', 'FAILURE', null].map(isMergeConflictResult)).toEqual([false, false, false, false]);
  });
});

describe('noResultsMessage', () => {
  it('says why in one sentence, and which patch set is listed instead in a second', () => {
    expect(noResultsMessage(4, true, null)).toBe(
      'Patch set 4 had a merge conflict, so no jobs ran: Zuul could not merge it with its branch, and it needs a rebase.',
    );
    expect(noResultsMessage(2, false, 1)).toBe(
      'Patch set 2 has no CI results: no CI system has reported on it yet (its jobs may still be running). Listing patch set 1, the newest with CI results.',
    );
  });
});
