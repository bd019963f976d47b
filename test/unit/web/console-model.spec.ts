import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { parseConsole } from '../../../src/artifacts/parsers/console/parse-console';
import { firstFailingStep, toConsoleModel } from '../../../web/src/data/console-model';
import { pickMeta } from '../../../web/src/data/run-data';
import { isErrorLine } from '../../../web/src/logic/console-errors';
import { ConsoleView } from '../../../web/src/viewer/console';

const logs = (name: string) => readFileSync(join(__dirname, '../../fake-upstream/logs-data', name), 'utf8');
const model = (name: string) => toConsoleModel(parseConsole(logs(name), 'job-output.txt') as never);

describe('console model', () => {
  it('error lines: Ansible failures, ERROR, tracebacks, non-zero rc; not a clean PLAY RECAP or lower-case words', () => {
    expect(isErrorLine('controller | fatal: [controller]: FAILED! => {"changed": true, "rc": 1}')).toBe(true);
    expect(isErrorLine('controller | ERROR')).toBe(true);
    expect(isErrorLine('controller |   "rc": 10')).toBe(true);
    expect(isErrorLine('Traceback (most recent call last):')).toBe(true);
    expect(isErrorLine('controller | ok: 1 changed: 0 unreachable: 0 failed: 0 skipped: 0')).toBe(false);
    expect(isErrorLine('controller |   "rc": 0')).toBe(false);
    expect(isErrorLine('+ lib/nova:install_nova:300 : pip_install /opt/stack/nova  # error handling')).toBe(false);
  });

  it('a post-run failure: the first failing step is the failing task, its error lines found', () => {
    const m = model('job-output-post-failure.txt');
    const i = firstFailingStep(m)!;
    expect(m.steps[i].title).toBe('fetch-output : Collect logs from nodes');
    expect(m.steps[i].errors.map((e) => m.steps[i].lines[e].replace(/^.*? \| /, ''))).toEqual([
      'controller | ERROR',
      'controller |   "rc": 10',
    ]);
  });

  it('a Jenkins build whose failing step no line marks: that builder is the first failing step, opened at its first failing test', () => {
    const html = readFileSync(join(__dirname, '../../fixtures/console/console-timed-out.html'), 'utf8');
    const m = toConsoleModel(parseConsole(html, 'console.html') as never);
    const step = m.steps[firstFailingStep(m)!];
    expect(step.title).toBe('Build step 3: ./safe-devstack-vm-gate-wrap.sh');
    expect(step.lines[step.firstError!]).toMatch(/test_add_multiple_router_interfaces .* \.\.\. FAILED$/);
    expect(step.errors.map((e) => step.lines[e].replace(/^.*\| /, ''))).toEqual([
      expect.stringMatching(/test_add_multiple_router_interfaces .* FAILED$/),
      expect.stringMatching(/test_network_basic_ops .* FAILED$/),
      expect.stringMatching(/ERROR tempest\.scenario\.manager/),
      'Build timed out (after 125 minutes). Marking the build as failed.',
      'Build was aborted',
    ]);
  });

  it("opens where the artifact's first_error points, and counts that line among the errors", () => {
    const m = toConsoleModel({
      scripts: [{ name: 's', kind: 'task', status: 'failed', lines: ['fine', 'ERROR: late', 'the cause'], first_error: 2 }],
    });
    expect(m.steps[0]).toMatchObject({ errors: [1, 2], firstError: 2 });
    expect(toConsoleModel({ scripts: [{ name: 's', kind: 'task', lines: ['ERROR: x'], first_error: 9 }] }).steps[0].firstError).toBe(0);
    // Jenkins' `Finished: FAILURE` says how the build ended; it is no error line of its own
    expect(
      toConsoleModel({ scripts: [{ name: 'Finished: FAILURE', kind: 'other', lines: ['Finished: FAILURE'], first_error: 0 }] }).steps[0],
    ).toMatchObject({
      errors: [],
      firstError: null,
    });
  });

  it('reads StackViz-shaped scripts of {date, line} as well', () => {
    const m = toConsoleModel({
      status: 'FAILURE',
      scripts: [
        {
          name: 'Run tempest',
          status: 'failed',
          kind: 'task',
          lines: [
            { date: '2024-02-13 23:31:03.001234', line: 'fatal: x' },
            { date: null, line: 'plain' },
          ],
        },
      ],
    });
    expect(m.status).toBe('FAILURE');
    expect(m.steps[0]).toMatchObject({
      title: 'Run tempest',
      failing: true,
      lines: ['2024-02-13 23:31:03.001234 | fatal: x', 'plain'],
      errors: [0],
    });
  });

  it('a 50,000-line console renders only its open section, as a few text runs', () => {
    const lines = Array.from({ length: 50000 }, (_, i) => (i % 10000 === 9999 ? `line ${i} ERROR boom` : `line ${i} all is well`));
    const m = toConsoleModel({
      sections: [
        { title: 'big and fine', kind: 'task', status: 'ok', lines },
        { title: 'failing', kind: 'task', status: 'failed', lines: lines.slice(0, 20000) },
      ],
    });
    const run = {
      meta: pickMeta({}),
      tests: [],
      details: {},
      stats: null,
      dstat: null,
      console: m,
      performance: null,
      memory: null,
      problems: [],
      warnings: [],
      message: null,
      durationsOnly: false,
      pending: [],
    };
    const started = performance.now();
    const html = render(h(ConsoleView, { run }));
    const ms = performance.now() - started;
    expect(html).not.toContain('line 30000 all is well');
    expect(html).toContain('line 19999 ERROR boom');
    expect(html.match(/class="error-line[^"]*"/g)).toHaveLength(2);
    expect(html.match(/<pre/g)).toHaveLength(1);
    expect(ms).toBeLessThan(500);
  });
});
