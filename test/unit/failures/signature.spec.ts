import {
  exceptionText,
  failureSignature,
  maskLine,
  maskPastedLine,
  MAX_SIGNATURE_CHARS,
  NO_DETAILS_SIGNATURE,
  signatureMatchesPasted,
} from '../../../src/failure-cause/signature';
import { failureCauseOf, signatureId } from '../../../src/failure-cause/failure-cause';
import { details, fixture, rawTests } from '../web/fixtures';

/**
 * Real tracebacks recorded by test/unit/web/fixtures/tracebacks/make-tracebacks.sh: each kind twice,
 * with different uuids, request ids, addresses, ports, times and temporary paths.
 */
const tb = (name: string) => fixture(`tracebacks/${name}.txt`);
const NOVA = 'nova.tests.unit.compute.test_compute_mgr.ComputeManagerUnitTestCase.';
/** The signature of a recorded traceback, its test named as subunit named it. */
const sig = (name: string, test = '') => failureSignature(tb(name), test && NOVA + test);

describe('failure signature', () => {
  describe('tempest (a tempest-shaped stestr run on 4 workers, test/fixtures/stestr-triage-project)', () => {
    const triage = details('stestr-triage');
    const failing = rawTests('stestr-triage').filter((t) => t.status === 'fail');
    const signatures = new Map<string, string[]>();
    for (const t of failing) {
      const s = failureSignature(triage[t.name].traceback, t.name);
      signatures.set(s, [...(signatures.get(s) ?? []), t.name]);
    }

    it('makes one cause of each way the run failed, whatever server uuid, timeout, IP, request id or test name', () => {
      const counts = [...signatures.values()].map((names) => names.length).sort((a, b) => b - a);
      expect(counts).toEqual([18, 12, 8]);
      expect(failing).toHaveLength(38);
    });

    it("keeps every line of the message (tempest's Details), the test's own names one placeholder", () => {
      const server = [...signatures.keys()].find((s) => s.includes('ACTIVE'))!;
      expect(server).toBe(
        'tempest.lib.exceptions.TimeoutException: Request timed out\n' +
          'Details: (<test>) Server <uuid> failed to reach ACTIVE status and task state "None" within the required time (<n> s). Current status: BUILD. Current task state: spawning.',
      );
      const ssh = [...signatures.keys()].find((s) => s.includes('SSH'))!;
      expect(ssh).toBe('tempest.lib.exceptions.SSHTimeout: Connection to the <ip> via SSH timed out.\nUser: cirros, Password: None');
    });

    it('keeps the HTTP status and masks the request id of a setUpClass failure, all three lines of it', () => {
      const fault = signatures.get([...signatures.keys()].find((s) => s.includes('ServerFault'))!)!;
      expect(new Set(fault)).toEqual(
        new Set(['tempest.api.image.test_image.ImagesTestJSON.setUpClass', 'tempest.api.volume.test_volume.VolumesGetTest.setUpClass']),
      );
      expect(failureSignature(triage[fault[0]].traceback, fault[0])).toBe(
        'tempest.lib.exceptions.ServerFault: Got server fault\n' +
          'Details: Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n' +
          "<class 'oslo_db.exception.DBConnectionError'> (HTTP 500) (Request-ID: <request-id>)",
      );
    });
  });

  it("stestr's own failure: the IOError line, its errno kept", () => {
    const name = 'stestr.tests.test_subunit_trace.TestSubunitTrace.test_trace_with_all_skips';
    expect(failureSignature(details('stestr-failure')[name].traceback, name)).toBe(
      "IOError: [Errno 2] No such file or directory: '/home/computertreker/git/stestr/stestr/tests/sample_streams/skips.subunit'",
    );
  });

  describe('causes that must merge: the same cause, what varies masked', () => {
    it.each([
      ['nova-unit', 'nova.exception.InstanceNotFound: Instance <uuid> could not be found.'],
      [
        'testtools-mismatch',
        "testtools.matchers._impl.MismatchError: !=:\nreference = {'host': 'compute-<n>', 'vm_state': 'active'}\nactual = {'host': 'compute-<n>', 'vm_state': 'error'}",
      ],
      ['http-500', 'nova.exception.ClientException: Unexpected API Error. (HTTP 500) (Request-ID: <request-id>)'],
      ['errno-2', "FileNotFoundError: [Errno 2] No such file or directory: '<tmp>/nova.conf'"],
      ['errno-13', "PermissionError: [Errno 13] Permission denied: '<tmp>/nova.conf'"],
      ['connection-refused', 'ConnectionRefusedError: [Errno 111] Connection refused: <ip> at <time>'],
    ])('%s: two runs, one signature', (name, expected) => {
      const [a, b] = [tb(`${name}-1`), tb(`${name}-2`)];
      expect(a).not.toBe(b);
      expect(failureSignature(a)).toBe(expected);
      expect(failureSignature(b)).toBe(expected);
    });

    it("two tests timing out alike, each message naming its own test (tempest's waiters): one signature", () => {
      const expected =
        'nova.exception.TimeoutException: Request timed out\n' +
        'Details: (<test>) Server <uuid> failed to reach ACTIVE status within the required time (<n> s).';
      for (const run of ['1', '2']) {
        expect(sig(`waiter-rebuild-${run}`, 'test_rebuild_server')).toBe(expected);
        expect(sig(`waiter-resize-${run}`, 'test_resize_server')).toBe(expected);
      }
      // Without the test to name, the names stay: the placeholder is the failing test's alone.
      expect(sig('waiter-rebuild-1')).toContain('(ComputeManagerUnitTestCase:test_rebuild_server)');
    });
  });

  describe('causes that must stay apart', () => {
    it.each([
      ['HTTP 500 against HTTP 404', 'http-500', 'http-404'],
      ['[Errno 2] against [Errno 13]', 'errno-2', 'errno-13'],
      ['two assertion messages', 'assert-active', 'assert-shutoff'],
      ['two exception types with alike messages', 'nova-unit', 'http-404'],
    ])('%s', (_, a, b) => {
      expect(sig(`${a}-1`)).not.toBe(sig(`${b}-1`));
      expect(sig(`${a}-1`)).toBe(sig(`${a}-2`));
      expect(sig(`${b}-1`)).toBe(sig(`${b}-2`));
    });

    it('keeps the status of HTTP 404 and the compared values of an assertion', () => {
      expect(sig('http-404-1')).toBe('nova.exception.ClientException: Unexpected API Error. (HTTP 404) (Request-ID: <request-id>)');
      expect(sig('assert-shutoff-1')).toBe("testtools.matchers._impl.MismatchError: 'SHUTOFF' != 'ERROR'");
    });
  });

  describe('exception groups', () => {
    it('a TaskGroup (Python 3.11): the group line and its sub-exception, not the closing rule', () => {
      const [a, b] = [tb('exception-group-1'), tb('exception-group-2')];
      expect(a.trim().split('\n').pop()).toMatch(/^\s*\+-+$/);
      expect(failureSignature(a)).toBe(
        'ExceptionGroup: unhandled errors in a TaskGroup (<n> sub-exceptions)\nValueError: Volume <uuid> is still attached to <uuid>',
      );
      expect(failureSignature(b)).toBe(failureSignature(a));
    });

    it('uncaught, as the interpreter prints it: alike sub-exceptions count once', () => {
      const [a, b] = [tb('uncaught-exception-group-1'), tb('uncaught-exception-group-2')];
      expect(exceptionText(a)).toHaveLength(3);
      expect(failureSignature(a)).toBe(
        'ExceptionGroup: <n> ports failed (<n> sub-exceptions)\nConnectionError: Port <uuid> on <ip> is unreachable',
      );
      expect(failureSignature(b)).toBe(failureSignature(a));
    });

    it('Python 3.12: the group raised last, its nested group and notes, not the group it was handling', () => {
      const [a, b] = [tb('py312-nested-group-1'), tb('py312-nested-group-2')];
      expect(a).toContain('During handling of the above exception, another exception occurred:');
      expect(exceptionText(a)).toEqual([
        'ExceptionGroup: checks failed (2 sub-exceptions)',
        'ExceptionGroup: ports failed (2 sub-exceptions)',
        expect.stringMatching(/^ConnectionError: Port [0-9a-f-]{36} on 10\.0\.1\.\d+ is unreachable$/),
        expect.stringMatching(/^checked at port \d+$/),
        expect.stringMatching(/^ConnectionError: Port [0-9a-f-]{36} on 10\.0\.2\.\d+ is unreachable$/),
        expect.stringMatching(/^checked at port \d+$/),
        expect.stringMatching(/^TimeoutError: Volume [0-9a-f]{32} timed out after \d+ s$/),
      ]);
      expect(failureSignature(a)).toBe(
        'ExceptionGroup: checks failed (<n> sub-exceptions)\nExceptionGroup: ports failed (<n> sub-exceptions)\n' +
          'ConnectionError: Port <uuid> on <ip> is unreachable\nchecked at port <n>\nTimeoutError: Volume <uuid> timed out after <n> s',
      );
      expect(failureSignature(b)).toBe(failureSignature(a));
    });
  });

  describe('what the cause is', () => {
    it('the exception raised last when exceptions are chained', () => {
      const chained = [
        'Traceback (most recent call last):',
        '  File "a.py", line 1, in f',
        '    g()',
        'KeyError: 3',
        '',
        'During handling of the above exception, another exception occurred:',
        '',
        'Traceback (most recent call last):',
        '  File "a.py", line 3, in f',
        '    raise ValueError("x")',
        'ValueError: bad value 7',
      ].join('\n');
      expect(failureSignature(chained)).toBe('ValueError: bad value <n>');
    });

    it('without a traceback: the first non-empty detail line, generic lines dropped', () => {
      expect(failureSignature('\n\nAssertionError: 3 != 4\nsecond line\n')).toBe('AssertionError: <n> != <n>');
      expect(failureSignature('Traceback (most recent call last):\n\nRuntimeError: cut short')).toBe('RuntimeError: cut short');
      expect(failureSignature('')).toBe(NO_DETAILS_SIGNATURE);
      expect(failureSignature('\n  \n')).toBe(NO_DETAILS_SIGNATURE);
    });

    it("a traceback stestr indents under 'Captured traceback:' ends where the next section begins", () => {
      const captured = [
        'Captured traceback:',
        '~~~~~~~~~~~~~~~~~~~',
        '    Traceback (most recent call last):',
        '      File "nova/tests/unit/test_a.py", line 9, in test_a',
        '        self.fail("boom")',
        '    AssertionError: boom on host-12',
        '      while rebooting',
        '',
        'Captured pythonlogging:',
        '~~~~~~~~~~~~~~~~~~~~~~~',
        '    2024-02-13 23:39:24,123 INFO [nova] hello',
      ].join('\n');
      expect(failureSignature(captured)).toBe('AssertionError: boom on host-<n>\nwhile rebooting');
    });

    it("pytest's report (JUnit text): the E lines", () => {
      const pytest = [
        'self = <test_sample.TestServers object at 0x7f0850023610>',
        '',
        '    def test_resize(self):',
        ">       assert 1 + 1 == 3, 'resize did not change the flavor'",
        'E       AssertionError: resize did not change the flavor',
        'E       assert (1 + 1) == 3',
        '',
        'pytest-project/test_sample.py:17: AssertionError',
      ].join('\n');
      expect(failureSignature(pytest, 'pytest-project.test_sample.TestServers.test_resize')).toBe(
        'AssertionError: resize did not change the flavor',
      );
    });

    it("pytest's assertion introspection does not split one cause by the values compared", () => {
      const report = (explained: string[]) =>
        ['    def test_usage(self):', '>       assert usage == expected, f"usage of project {pid} is off"', ...explained].join('\n');
      const ints = report([
        'E       AssertionError: usage of project 4f1c2e3d-0000-4000-8000-000000000001 is off',
        'E       assert 3 == 4',
      ]);
      const dicts = report([
        'E       AssertionError: usage of project 9a0b2e3d-0000-4000-8000-000000000002 is off',
        "E       assert {'gigabytes': 10, 'volumes': 2} == {'gigabytes': 12, 'volumes': 2}",
        'E         Omitting 1 identical items, use -vv to show',
        'E         Differing items:',
        "E         {'gigabytes': 10} != {'gigabytes': 12}",
      ]);
      expect(failureSignature(ints)).toBe('AssertionError: usage of project <uuid> is off');
      expect(failureSignature(dicts)).toBe(failureSignature(ints));
      // Without a message of its own the assert line is the cause, its values masked, its explanation dropped.
      const bare = report(['E       assert 3 == 4', 'E        +  where 3 = len([1, 2, 3])']);
      expect(failureSignature(bare)).toBe('assert <n> == <n>');
    });

    it('keeps a long message whole up to the bound (no cut at 6 lines), cuts a body that exceeds it', () => {
      const lines = Array.from({ length: 12 }, (_, i) => `  field_${String.fromCharCode(97 + i)}: value`);
      const traceback = `Traceback (most recent call last):\n  File "x.py", line 1, in t\n    call()\nBadRequest: invalid body\n${lines.join('\n')}`;
      expect(failureSignature(traceback).split('\n')).toHaveLength(13);

      const body = Array.from(
        { length: 400 },
        (_, i) => `  "key_${'x'.repeat(i % 7)}_${String.fromCharCode(97 + (i % 26))}${i % 3}": "${'v'.repeat(60)}"`,
      );
      const huge = failureSignature(
        `Traceback (most recent call last):\n  File "x.py", line 1, in t\n    call()\nBadRequest: {\n${body.join('\n')}\n}`,
      );
      expect(huge.length).toBeLessThanOrEqual(MAX_SIGNATURE_CHARS);
      expect(huge.split('\n').at(-1)).toBe('…');
      // Long lines that mask alike: masking stops after 100,000 characters of them.
      const alike = Array.from({ length: 200 }, (_, i) => `line ${i} ${'word '.repeat(4000)}`);
      const bounded = failureSignature(
        `Traceback (most recent call last):\n  File "x.py", line 1, in t\n    call()\nBadRequest: x\n${alike.join('\n')}`,
      );
      expect(bounded.split('\n')).toEqual(['BadRequest: x', expect.stringMatching(/^line <n> word word .*…$/), '…']);
      const oneLine = failureSignature(`ValueError: ${'word '.repeat(5000)}`);
      expect(oneLine.length).toBe(500);
      expect(oneLine.endsWith('…')).toBe(true);
    });
  });

  describe('masking rules', () => {
    it.each([
      [
        'times: ISO, RFC 1123, date(1) C and 12-hour, bare clocks',
        'at 2024-02-13 23:39:24.123, 2024-02-13T23:39:24Z and 02:39:10',
        'at <time>, <time> and <time>',
      ],
      [
        '',
        'Date: Fri, 27 Nov 2026 09:40:38 GMT; Fri Nov 27 09:40:38 AM UTC 2026; Thu Feb  1 08:00:00 2024',
        'Date: <time>; <time>; <time>',
      ],
      [
        'hex: 0x and runs of 8+ with a digit, not words or 7-character runs',
        'object at 0x7f3a2c, commit 3f1c9a2e, deadbeef, abc1234',
        'object at <hex>, commit <hex>, deadbeef, abc1234',
      ],
      [
        'uuids with and without dashes, request ids',
        'req-5a49105c-be0c-4143-b65f-a82f8a6c10e6 5a49105cbe0c4143b65fa82f8a6c10e6',
        '<request-id> <uuid>',
      ],
      [
        'IPv4 with ports, IPv6 bare and bracketed',
        'fe80::1 and 2001:db8:0:0:8:800:200c:417a and 10.0.0.5:8774 and [::1]:5000',
        '<ip> and <ip> and <ip> and <ip>',
      ],
      ['ports after a name', 'localhost:35357 refused', 'localhost:<n> refused'],
      [
        'temporary paths keep the file name',
        "open('/tmp/tmpk2x9_a1b/etc/nova.conf') /var/tmp/x/y.log in tmpab3_k9z0",
        "open('<tmp>/nova.conf') <tmp>/y.log in <tmp>",
      ],
      [
        'base64, padded or a long token',
        'token gAAAAABlZ2_Xk9vQwErTyUiOpAsDfGhJkLzXcVbNm1234567890abcdEFGH and aGVsbG8gd29ybGQ=',
        'token <base64> and <base64>',
      ],
      [
        'numbers, not parts of words',
        'py311 test_02 v2.1 a:b:c failed 3 times in 1.25 s (4.2.1)',
        'py311 test_02 v2.1 a:b:c failed <n> times in <n> s (<n>)',
      ],
      [
        'HTTP statuses and errnos are kept',
        'HTTP 404; status code: 503; 409 Conflict; [Errno 13]; errno=2; 500 items',
        'HTTP 404; status code: 503; 409 Conflict; [Errno 13]; errno=2; <n> items',
      ],
    ])('%s', (_, input, expected) => {
      expect(maskLine(input)).toBe(expected);
    });

    it("the failing test's names, whole or in parts, become one <test>", () => {
      const id = 'tempest.api.compute.servers.test_servers.ServersTestJSON.test_reboot_hard[id-2cb1baf6,smoke]';
      expect(maskLine('(ServersTestJSON:test_reboot_hard) in ServersTestJSON', id)).toBe('(<test>) in <test>');
      expect(maskLine('tempest.api.compute.servers.test_servers.ServersTestJSON.test_reboot_hard failed', id)).toBe('<test> failed');
      expect(maskLine('ServersTestJSONv2 test_reboot_hardly', id)).toBe('ServersTestJSONv2 test_reboot_hardly');
      expect(maskLine('setUpClass of VolumesGetTest', 'setUpClass (tempest.api.volume.test_volume.VolumesGetTest)')).toBe(
        'setUpClass of <test>',
      );
    });
  });

  describe('a pasted line', () => {
    const stored = failureSignature(tb('waiter-rebuild-1'), `${NOVA}test_rebuild_server`);

    it('matches a stored signature whatever test name it holds', () => {
      const line = tb('waiter-resize-2')
        .split('\n')
        .find((l) => l.startsWith('Details:'))!;
      expect(line).toContain('test_resize_server');
      const masked = maskPastedLine(`   ${line}  `);
      expect(masked).toMatch(/^Details: \(ComputeManagerUnitTestCase:test_resize_server\) Server <uuid> failed/);
      expect(signatureMatchesPasted(stored, masked)).toBe(true);
      // Two lines in a row match too, in their order only.
      const both = maskPastedLine(`nova.exception.TimeoutException: Request timed out\n${line}`);
      expect(signatureMatchesPasted(stored, both)).toBe(true);
      expect(signatureMatchesPasted(stored, both.split('\n').reverse().join('\n'))).toBe(false);
    });

    it("takes a whole pasted traceback's cause, and a line behind an exception group's bars", () => {
      expect(maskPastedLine(tb('http-500-2'))).toBe(sig('http-500-1'));
      const bar = tb('exception-group-2')
        .split('\n')
        .find((l) => l.includes('| ValueError'))!;
      expect(bar).toMatch(/^\s+\| ValueError/);
      expect(signatureMatchesPasted(sig('exception-group-1'), maskPastedLine(bar))).toBe(true);
    });

    it('does not match another cause, nor part of a line', () => {
      const http404 = tb('http-404-1').trim().split('\n').pop()!;
      expect(signatureMatchesPasted(sig('http-500-1'), maskPastedLine(http404))).toBe(false);
      expect(signatureMatchesPasted(sig('http-404-2'), maskPastedLine(http404))).toBe(true);
      expect(signatureMatchesPasted(stored, maskPastedLine('Request timed out'))).toBe(false);
      expect(signatureMatchesPasted(stored, maskPastedLine('Traceback (most recent call last):'))).toBe(false);
    });
  });

  describe("the server's id and cause", () => {
    it('signature_id is the first 16 hex characters of the SHA-256 of the UTF-8 text (as Python hashlib gives)', () => {
      expect(signatureId('nova.exception.InstanceNotFound: Instance <uuid> could not be found.')).toBe('fc229e8d9f911e32');
      expect(signatureId(NO_DETAILS_SIGNATURE)).toBe('4097a672ea560843');
      expect(signatureId('Volume <uuid> is détaché')).toBe('1114db21d3e075b1');
    });

    it('takes the traceback, else the reason, else says none was recorded', () => {
      expect(failureCauseOf({ traceback: tb('nova-unit-1'), reason: 'ignored' }, `${NOVA}test_x`)).toEqual({
        cause: 'nova.exception.InstanceNotFound: Instance <uuid> could not be found.',
        signature_id: 'fc229e8d9f911e32',
      });
      expect(failureCauseOf({ reason: 'Timed out after 30 s' }, 'a.B.test_c').cause).toBe('Timed out after <n> s');
      expect(failureCauseOf({}, 'a.B.test_c')).toEqual({ cause: NO_DETAILS_SIGNATURE, signature_id: '4097a672ea560843' });
    });
  });
});
