import { exceptionText, failureSignature, maskVolatile } from '../../../web/src/logic/failure-signature';
import { details, fixture, rawTests } from './fixtures';

/** Real tracebacks recorded by fixtures/tracebacks/make-tracebacks.sh: each kind twice, with different ids. */
const tb = (name: string) => fixture(`tracebacks/${name}.txt`);

describe('failure signature', () => {
  describe('tempest (a tempest-shaped stestr run on 4 workers, test/fixtures/stestr-triage-project)', () => {
    const triage = details('stestr-triage');
    const failing = rawTests('stestr-triage').filter((t) => t.status === 'fail');
    const signatures = new Map<string, string[]>();
    for (const t of failing) {
      const sig = failureSignature(triage[t.name].traceback, t.name);
      signatures.set(sig, [...(signatures.get(sig) ?? []), t.name]);
    }

    it('makes one cause of each way the run failed, whatever server uuid, timeout, IP or request id', () => {
      const counts = [...signatures.values()].map((names) => names.length).sort((a, b) => b - a);
      expect(counts).toEqual([18, 12, 8]);
      expect(failing).toHaveLength(38);
    });

    it('masks the uuid, the timeout, the calling test and keeps the words', () => {
      const server = [...signatures.keys()].find((s) => s.includes('ACTIVE'))!;
      expect(server).toBe(
        'tempest.lib.exceptions.TimeoutException: Request timed out\n' +
          'Details: (<test>:<test>) Server <uuid> failed to reach ACTIVE status and task state "None" within the required time (<n> s). Current status: BUILD. Current task state: spawning.',
      );
      const ssh = [...signatures.keys()].find((s) => s.includes('SSH'))!;
      expect(ssh).toBe('tempest.lib.exceptions.SSHTimeout: Connection to the <ip> via SSH timed out.\nUser: cirros, Password: None');
    });

    it('keeps the HTTP status and masks the request id of a setUpClass failure', () => {
      const fault = signatures.get([...signatures.keys()].find((s) => s.includes('ServerFault'))!)!;
      expect(new Set(fault)).toEqual(
        new Set(['tempest.api.image.test_image.ImagesTestJSON.setUpClass', 'tempest.api.volume.test_volume.VolumesGetTest.setUpClass']),
      );
      const sig = failureSignature(triage[fault[0]].traceback, fault[0]);
      expect(sig).toContain("<class 'oslo_db.exception.DBConnectionError'> (HTTP 500) (Request-ID: req-<uuid>)");
    });
  });

  it("stestr's own failure: the IOError line, its errno kept", () => {
    const name = 'stestr.tests.test_subunit_trace.TestSubunitTrace.test_trace_with_all_skips';
    expect(failureSignature(details('stestr-failure')[name].traceback, name)).toBe(
      "IOError: [Errno 2] No such file or directory: '/home/computertreker/git/stestr/stestr/tests/sample_streams/skips.subunit'",
    );
  });

  it('a nova unit test failing on a nova exception: two runs, two instance uuids, one cause', () => {
    const [a, b] = [tb('nova-unit-1'), tb('nova-unit-2')];
    expect(a).not.toBe(b);
    expect(failureSignature(a)).toBe('nova.exception.InstanceNotFound: Instance <uuid> could not be found.');
    expect(failureSignature(b)).toBe(failureSignature(a));
  });

  it("testtools' MismatchError keeps its reference/actual lines, numbers masked", () => {
    const [a, b] = [tb('testtools-mismatch-1'), tb('testtools-mismatch-2')];
    expect(exceptionText(a)[0]).toBe('testtools.matchers._impl.MismatchError: !=:');
    expect(failureSignature(a)).toBe(
      "testtools.matchers._impl.MismatchError: !=:\nreference = {'host': 'compute-<n>', 'vm_state': 'active'}\nactual = {'host': 'compute-<n>', 'vm_state': 'error'}",
    );
    expect(failureSignature(b)).toBe(failureSignature(a));
  });

  it('an exception group from a TaskGroup: the group line and its sub-exception, not the closing rule', () => {
    const [a, b] = [tb('exception-group-1'), tb('exception-group-2')];
    expect(a).toContain('+ Exception Group Traceback');
    expect(a.trim().split('\n').pop()).toMatch(/^\s*\+-+$/);
    expect(failureSignature(a)).toBe(
      'ExceptionGroup: unhandled errors in a TaskGroup (<n> sub-exceptions)\nValueError: Volume <uuid> is still attached to <uuid>',
    );
    expect(failureSignature(b)).toBe(failureSignature(a));
  });

  it('an uncaught exception group as the interpreter prints it: identical sub-exceptions count once, IPs masked', () => {
    const [a, b] = [tb('uncaught-exception-group-1'), tb('uncaught-exception-group-2')];
    expect(exceptionText(a)).toHaveLength(3);
    expect(failureSignature(a)).toBe(
      'ExceptionGroup: <n> ports failed (<n> sub-exceptions)\nConnectionError: Port <uuid> on <ip> is unreachable',
    );
    expect(failureSignature(b)).toBe(failureSignature(a));
  });

  it('different causes stay apart', () => {
    const all = ['nova-unit-1', 'testtools-mismatch-1', 'exception-group-1', 'uncaught-exception-group-1'].map((n) =>
      failureSignature(tb(n)),
    );
    expect(new Set(all).size).toBe(4);
  });

  it('masks times, hex ids, IPv6 and ports but not ordinary words or identifiers with digits', () => {
    expect(maskVolatile('at 2024-02-13 23:39:24.123 and 02:39:10, object at 0x7f3a2c, commit 3f1c9a2e')).toBe(
      'at <time> and <time>, object at <hex>, commit <hex>',
    );
    expect(maskVolatile('fe80::1 and 2001:db8:0:0:8:800:200c:417a and 10.0.0.5:8774')).toBe('<ip> and <ip> and <ip>');
    expect(maskVolatile('py311 deadbeef a:b:c failed 3 times')).toBe('py311 deadbeef a:b:c failed <n> times');
    expect(maskVolatile('FooTest: test_thing_works broke', 'pkg.mod.FooTest.test_thing_works')).toBe('<test>: <test> broke');
  });

  it('uses the last line when there are no frames (a stats-only failure)', () => {
    expect(exceptionText('line one\nIOError: x\n\n')).toEqual(['IOError: x']);
    expect(failureSignature('')).toBe('');
  });
});
