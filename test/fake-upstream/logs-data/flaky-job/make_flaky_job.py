#!/usr/bin/python3
"""Writes the subunit v2 streams of the fake `nova-tox-functional` job's builds (one per run) with
python-subunit's StreamResultToBytes, as a two-worker stestr run writes them.

Usage: /usr/bin/python3 make_flaky_job.py   (Debian's python3-subunit; check the output with
`subunit2csv < t.subunit`). The runs are those of test/fake-upstream/data/flaky-job.ts:
  t        change 654321 patch set 2: the run under test
  ps1      change 654321 patch set 1
  recheck  change 654321 patch set 2, rechecked
  o1..o8   other changes
Each failure's traceback ends in the exception of its cause (CAUSES); what varies from run to run
(uuids, request ids, addresses, ports, times, timeouts) is drawn from a generator seeded with the run
and the test, so running this again writes the same streams.
"""
import datetime
import os
import random
import uuid

from subunit import StreamResultToBytes

HERE = os.path.dirname(os.path.abspath(__file__))
UTC = datetime.timezone.utc
PKG = 'nova.tests.functional.test_flaky.'
OTHERS = ['o%d' % i for i in range(1, 9)]
RUNS = ['t', 'ps1', 'recheck'] + OTHERS

PASS, FAIL, SKIP = 'success', 'fail', 'skip'


def everywhere(status, **exceptions):
    return {run: exceptions.get(run, status) for run in RUNS}


# test name -> {run: status}; a run missing from the map did not run the test.
TESTS = {
    # fails in every run: broken
    'BrokenTest.test_broken_everywhere': everywhere(FAIL),
    # fails in some other-change runs (o2, o5), passes in the rest: flaky
    'FlakyTest.test_flaky_some': everywhere(PASS, t=FAIL, recheck=FAIL, o2=FAIL, o5=FAIL),
    # fails only on the change under test: new
    'MineTest.test_mine': everywhere(PASS, t=FAIL, ps1=FAIL, recheck=FAIL),
    # passes on a recheck of the same patch set (and elsewhere, skipped in o3): flaky
    'RecheckTest.test_recheck_pass': everywhere(PASS, t=FAIL, o3=SKIP),
    # only this run has it: unknown
    'OnlyHereTest.test_only_here': {'t': FAIL},
    # skipped in every other-change run: unknown
    'SkipTest.test_skipped_elsewhere': everywhere(SKIP, t=FAIL, ps1=FAIL, recheck=FAIL),
    # passes everywhere; fails in the recheck only (a new failure, compared with t)
    'LaterTest.test_broke_on_recheck': everywhere(PASS, recheck=FAIL),
    # only the recheck has it
    'LaterTest.test_added_later': {'recheck': PASS},
    # slower (and faster) in the recheck, compared with t
    'TimingTest.test_slower_once': everywhere(PASS),
    'TimingTest.test_faster_once': everywhere(PASS),
}
for i in range(1, 13):
    TESTS['PlainTest.test_plain_%02d' % i] = everywhere(PASS)
# failed in the only other-change run that has it (o1), with the same cause: too few to tell
TESTS['RareTest.test_rare_failure'] = {'t': FAIL, 'o1': FAIL}
# passed in the only two other-change runs that have it: too few to call it new
TESTS['FewRunsTest.test_passed_twice'] = {'t': FAIL, 'o1': PASS, 'o2': PASS}



def some_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def server_fault(rng, test, run):
    """The cloud's database is down: every run of the job hits it."""
    return ('tempest.lib.exceptions.ServerFault: Got server fault\n'
            'Details: Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n'
            "<class 'oslo_db.exception.DBConnectionError'> (HTTP 500) (Request-ID: req-%s)" % some_uuid(rng))


def build_timeout(rng, test, run):
    """tempest's waiter, naming the test that waited."""
    cls, method = test.split('.')
    return ('tempest.lib.exceptions.TimeoutException: Request timed out\n'
            'Details: (%s:%s) Server %s failed to reach ACTIVE status and task state "None" within the required time (%d s).'
            ' Current status: BUILD. Current task state: spawning.' % (cls, method, some_uuid(rng), rng.randint(190, 310)))


def not_found(rng, test, run):
    """The same flaky test failing for another reason in one run (o5)."""
    return ('tempest.lib.exceptions.NotFound: Object not found\n'
            "Details: {'code': 404, 'message': 'Instance %s could not be found.'}" % some_uuid(rng))


def mismatch(rng, test, run):
    return "testtools.matchers._impl.MismatchError: 'ACTIVE' != 'ERROR'"


def refused(rng, test, run):
    return 'ConnectionRefusedError: [Errno 111] Connection refused: 10.0.%d.%d:%d at %s' % (
        rng.randint(0, 255), rng.randint(1, 254), rng.randint(1024, 65535), STARTS[run].isoformat())


def status_assertion(rng, test, run):
    return 'AssertionError: 200 != 500 (request req-%s of %s)' % (some_uuid(rng), test.replace('.', ':'))


CAUSES = {
    'BrokenTest.test_broken_everywhere': server_fault,
    'FlakyTest.test_flaky_some': lambda rng, test, run: (not_found if run == 'o5' else build_timeout)(rng, test, run),
    'MineTest.test_mine': mismatch,
    'RareTest.test_rare_failure': refused,
}

DURATIONS = {('TimingTest.test_slower_once', 'recheck'): 12.0, ('TimingTest.test_faster_once', 'recheck'): 1.0}
DEFAULT_DURATION = {'TimingTest.test_faster_once': 10.0}

STARTS = {run: datetime.datetime(2024, 3, 1, 8, 0, 0, tzinfo=UTC) + datetime.timedelta(hours=3 * i) for i, run in enumerate(RUNS)}


def write_run(run):
    path = os.path.join(HERE, run + '.subunit')
    with open(path, 'wb') as f:
        w = StreamResultToBytes(f)
        clocks = [STARTS[run], STARTS[run]]
        for n, (name, statuses) in enumerate(TESTS.items()):
            status = statuses.get(run)
            if status is None:
                continue
            worker = n % 2
            test_id = PKG + name
            tags = {'worker-%d' % worker}
            seconds = DURATIONS.get((name, run), DEFAULT_DURATION.get(name, 0.5 + (n % 5) / 10))
            start = clocks[worker]
            end = start + datetime.timedelta(seconds=seconds)
            clocks[worker] = end + datetime.timedelta(milliseconds=20)
            w.status(test_id=test_id, test_status='inprogress', timestamp=start, test_tags=tags)
            if status == FAIL:
                exception = CAUSES.get(name, status_assertion)(random.Random('%s/%s' % (run, name)), name, run)
                traceback = ('Traceback (most recent call last):\n'
                             '  File "nova/tests/functional/test_flaky.py", line %d, in %s\n'
                             '    self.check()\n'
                             '%s\n') % (40 + n, name.split('.')[-1], exception)
                w.status(test_id=test_id, file_name='traceback', file_bytes=traceback.encode(), eof=True,
                         mime_type='text/x-traceback;charset=utf8', timestamp=end)
            if status == SKIP:
                w.status(test_id=test_id, file_name='reason', file_bytes=b'not on this node', eof=True,
                         mime_type='text/plain;charset=utf8', timestamp=end)
            w.status(test_id=test_id, test_status=status, timestamp=end, test_tags=tags)


for run in RUNS:
    write_run(run)
