/**
 * What a subunit status says about a test, as compare and flake insight count it: `fail` failed;
 * `success` and `xfail` (an expected failure) passed; `skip` was skipped; anything else
 * (`inprogress`: it never finished, `uxsuccess`, `exists`) is none of these and is not counted.
 * StackViz's summary lists the same `fail` tests as failures.
 */
export type TestOutcome = 'failed' | 'passed' | 'skipped' | 'other';

export function outcomeOf(status: string): TestOutcome {
  switch (status) {
    case 'fail':
      return 'failed';
    case 'success':
    case 'xfail':
      return 'passed';
    case 'skip':
      return 'skipped';
    default:
      return 'other';
  }
}
