import { annotateTraceback, briefTraceback, testModuleFiles } from '../../../web/src/logic/traceback';
import { details, fixture } from './fixtures';

describe('traceback annotation', () => {
  it('finds the module file of method, function, setUpClass and tagged ids', () => {
    expect(testModuleFiles('a.b.test_c.Class.test_m')).toEqual(['a/b/test_c/Class.py', 'a/b/test_c.py', 'a/b.py', 'a.py']);
    expect(testModuleFiles('setUpClass (a.b.C)').slice(0, 2)).toEqual(['a/b/C.py', 'a/b.py']);
    expect(testModuleFiles('a.b.C.test_m[id-123,smoke]')[1]).toBe('a/b.py');
  });

  it("marks the frame in the test's own module, not the waiter it called, and the final exception", () => {
    const name = 'tempest.api.compute.test_servers.ServersTestJSON.test_reboot_hard';
    const lines = annotateTraceback(details('stestr-triage')[name].traceback, name);
    const own = lines.filter((l) => l.kind === 'own-frame');
    expect(own).toHaveLength(2);
    expect(own.every((l) => l.text.includes('/tempest/api/compute/test_servers.py"'))).toBe(true);
    expect(lines.filter((l) => l.kind === 'frame').map((l) => l.text)).toEqual([expect.stringContaining('/tempest/common/waiters.py"')]);
    expect(lines.filter((l) => l.kind === 'exception').map((l) => l.text)).toEqual([
      'tempest.lib.exceptions.TimeoutException: Request timed out',
      expect.stringMatching(/^Details: \(ServersTestJSON:test_reboot_hard\) Server [0-9a-f-]{36} failed/),
    ]);
    const brief = briefTraceback(lines)!;
    expect(brief.map((l) => l.kind)).toEqual(['own-frame', 'own-code', 'exception', 'exception']);
    expect(brief[0].text).toContain('in _create_and_wait');
  });

  it('a setUpClass failure points at the class in its module; a relative path in stestr’s own run too', () => {
    const setup = 'tempest.api.image.test_image.ImagesTestJSON.setUpClass';
    expect(annotateTraceback(details('stestr-triage')[setup].traceback, setup).find((l) => l.kind === 'own-frame')!.text).toContain(
      'test_image.py", line 11, in setUpClass',
    );
    const stestr = 'stestr.tests.test_subunit_trace.TestSubunitTrace.test_trace_with_all_skips';
    expect(annotateTraceback(details('stestr-failure')[stestr].traceback, stestr)[1]).toEqual({
      text: expect.stringContaining('File "stestr/tests/test_subunit_trace.py"'),
      kind: 'own-frame',
    });
  });

  it('inside an exception group the test frame behind the | bars is found', () => {
    const lines = annotateTraceback(
      fixture('tracebacks/exception-group-1.txt'),
      'nova.tests.unit.compute.test_compute_mgr.ComputeManagerUnitTestCase.test_parallel_volume_detach',
    );
    expect(lines.filter((l) => l.kind === 'own-frame').map((l) => /in (\w+)$/.exec(l.text)![1])).toEqual([
      'test_parallel_volume_detach',
      'main',
      'detach',
    ]);
    expect(lines.filter((l) => l.kind === 'exception').map((l) => l.text.trim())).toEqual([
      '| ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)',
      expect.stringMatching(/^\| ValueError: Volume /),
    ]);
  });
});
