import { ArtifactFormatError, consoleArtifact } from '../../../src/artifacts/parsers';
import { consoleLineText } from '../../../src/artifacts/parsers/console/console-log';
import { ConsoleLog, detectConsoleFormat, parseConsole } from '../../../src/artifacts/parsers/console/parse-console';
import { artifactJson, chunked, fixture } from './parser-test-helpers';

const summary = (log: ConsoleLog) => log.scripts.map((s) => [s.kind, s.name, s.status, s.lines.length]);
const script = (log: ConsoleLog, name: string) => log.scripts.find((s) => s.name === name)!;

describe('parseConsole: Zuul job-output.txt', () => {
  const log = parseConsole(fixture('console', 'job-output.txt').toString(), 'job-output.txt');

  it('splits plays and tasks, a play before its tasks, statuses from the results', () => {
    expect(log.format).toBe('zuul');
    expect(summary(log)).toEqual([
      ['other', 'Job start', null, 6],
      ['play', 'localhost', 'changed', 2],
      ['task', 'Gathering Facts', 'ok', 3],
      ['task', 'log-inventory : Ensure Zuul Ansible directory exists', 'changed', 3],
      ['play', 'controller', 'failed', 2],
      ['task', 'prepare-workspace : Start zuul_console daemon.', 'ok', 3],
      ['task', 'run-devstack : Run devstack', 'ok', 5],
      ['task', 'run-tempest : Run tempest', 'failed', 9],
      ['other', 'PLAY RECAP', 'failed', 5],
    ]);
    expect(log.scripts.reduce((n, s) => n + s.lines.length, 0)).toBe(38);
  });

  it('keeps each line as its timestamp and text, which StackViz joins back with " | "', () => {
    const text = fixture('console', 'job-output.txt').toString();
    expect(log.scripts.flatMap((s) => s.lines.map(consoleLineText)).join('\n') + '\n').toBe(text);
    expect(log.scripts[0].lines[0]).toEqual({ date: '2024-02-13 23:39:24.123456', line: 'Job console starting' });
    expect(script(log, 'localhost').lines[1]).toEqual({ date: '2024-02-13 23:39:26.300000', line: '' });
  });

  it('points failed sections at their first error line, and only those', () => {
    const tempest = script(log, 'run-tempest : Run tempest');
    expect(tempest.first_error).toBe(1);
    expect(tempest.lines[1].line).toMatch(/^controller \| tempest\.api\..* \.\.\. FAILED$/);
    const recap = script(log, 'PLAY RECAP');
    expect(recap.lines[recap.first_error!].line).toMatch(/^controller \| ok: 3 .* failed: 1/);
    expect(log.scripts.filter((s) => s.first_error !== null).map((s) => s.name)).toEqual(['run-tempest : Run tempest', 'PLAY RECAP']);
  });

  it('takes the job result from CI when known; a Zuul log alone does not say', () => {
    expect(log.status).toBeNull();
    expect(parseConsole('2024-02-13 23:39:24.123456 | x', 'job-output.txt', 'FAILURE').status).toBe('FAILURE');
    expect(log.remaining).toBeNull();
  });

  it('times a section from its first line to the next section', () => {
    const devstack = script(log, 'run-devstack : Run devstack');
    expect(devstack).toMatchObject({
      start: '2024-02-13T23:39:29.300000+00:00',
      end: '2024-02-13T23:55:12.600000+00:00',
      duration: 943.3,
    });
    expect(devstack.lines[0]).toEqual({ date: '2024-02-13 23:39:29.300000', line: 'TASK [run-devstack : Run devstack]' });
    const play = script(log, 'controller');
    expect([play.start, play.end]).toEqual(['2024-02-13T23:39:28.000000+00:00', '2024-02-14T00:00:00.000000+00:00']);
    expect(log.scripts[log.scripts.length - 1].end).toBe('2024-02-14T00:00:00.100000+00:00');
  });

  it("recognises Ansible's own result lines, LOOP banners and lines without a timestamp", () => {
    const text = ['TASK [x]', 'ok: [node1]', 'changed: [node2]', 'TASK [y]', 'fatal: [node1]: FAILED! => {}', 'LOOP [z]', 'no result'].join(
      '\n',
    );
    const log = parseConsole(text, 'job-output.txt');
    expect(summary(log)).toEqual([
      ['task', 'x', 'changed', 3],
      ['task', 'y', 'failed', 2],
      ['task', 'z', null, 2],
    ]);
    expect(log.scripts[1]).toMatchObject({ first_error: 1, start: null, duration: null });
    expect(log.scripts[1].lines[1]).toEqual({ date: null, line: 'fatal: [node1]: FAILED! => {}' });
  });

  it('does not point a section that passed at a traceback it survived', () => {
    const text = ['TASK [x]', 'node | Traceback (most recent call last):', 'node | ok'].join('\n');
    expect(parseConsole(text, 'job-output.txt').scripts[0]).toMatchObject({ status: 'ok', first_error: null });
  });
});

describe('parseConsole: Jenkins console.html', () => {
  const log = parseConsole(fixture('console', 'console.html').toString(), 'console.html');

  it('splits build steps, named by their place and the last command they traced; strips markup and decodes entities', () => {
    expect(log.format).toBe('jenkins');
    expect(summary(log)).toEqual([
      ['other', 'Job start', null, 3],
      ['task', 'Build step 1: mkdir -p /opt/stack/logs', 'ok', 3],
      ['task', 'Build step 2: /usr/local/jenkins/slave_scripts/devstack-gate-wrap.sh ./safe-devstack-vm-gate-wrap.sh', 'failed', 6],
      ['other', 'Finished: FAILURE', 'failed', 1],
    ]);
    expect(log.scripts[1].lines[0].line).toBe('[gate-tempest-dsvm-full] $ /bin/bash -xe /tmp/hudson8029624906143612045.sh');
    expect(log.scripts[0].lines[0]).toEqual({ date: '2016-06-28 13:20:28.611', line: 'Started by user anonymous' });
    // only the first ` | ` separates the date, as in StackViz's own console parser
    expect(log.scripts[2].lines[2]).toEqual({
      date: '2016-06-28 13:38:01.100',
      line: '2016-06-28 13:38:01.099 | if [[ "$DEVSTACK_GATE_TEMPEST" -eq "1" && -n $x ]]; then echo <ok>; fi',
    });
    expect(log.scripts[2]).toMatchObject({
      start: '2016-06-28T13:20:35.001000+00:00',
      end: '2016-06-28T14:11:52.300000+00:00',
      duration: 3077.299,
    });
  });

  it('takes the status from "Finished: X" unless CI said, and points the failed step at its failing test', () => {
    expect(log.status).toBe('FAILURE');
    expect(parseConsole(fixture('console', 'console.html').toString(), 'console.html', 'SUCCESS').status).toBe('SUCCESS');
    expect(log.scripts[2].lines[log.scripts[2].first_error!].line).toMatch(/test_volume_create_get_update_delete \.\.\. FAILED$/);
    expect(log.scripts[3].first_error).toBe(0);
  });
});

describe('parseConsole: a Jenkins build that failed in a step no line marks', () => {
  const html = fixture('console', 'console-timed-out.html').toString();
  /** The same log without the build-timeout plugin's lines: nothing but the order of the steps says which failed. */
  const unmarked = html
    .split('\n')
    .filter((l) => !/Build timed out|Build was aborted/.test(l))
    .join('\n');
  const failedStep = (log: ConsoleLog) => log.scripts.filter((s) => s.kind === 'task' && s.status === 'failed');

  it.each([
    ['stopped by the build timeout', html, 22],
    ['followed by post-build scripts and Finished: FAILURE alone', unmarked, 20],
  ])('%s: the builder that ran last failed, pointed at its first failing test', (_what, text, lines) => {
    const log = parseConsole(text, 'console.html');
    expect(summary(log)).toEqual([
      ['other', 'Job start', null, 3],
      [
        'task',
        'Build step 1: /usr/local/jenkins/slave_scripts/gerrit-git-prep.sh https://review.openstack.org git://git.openstack.org',
        'ok',
        5,
      ],
      ['task', 'Build step 2: git clone git://git.openstack.org/openstack-infra/devstack-gate', 'ok', 4],
      ['task', 'Build step 3: ./safe-devstack-vm-gate-wrap.sh', 'failed', lines],
      ['task', 'Post-build step 1: sudo cp -a /opt/stack/logs /home/jenkins/workspace/gate-tempest-dsvm-neutron-full/logs', null, 6],
      ['other', 'Finished: FAILURE', 'failed', 1],
    ]);
    const [step] = failedStep(log);
    expect(step.lines[step.first_error!].line).toMatch(/test_add_multiple_router_interfaces \[183\.905612s\] \.\.\. FAILED$/);
  });

  it('a builder followed by another one passed, whatever it logged; one followed by Finished: SUCCESS passed', () => {
    const passing = unmarked.replace('Finished: FAILURE', 'Finished: SUCCESS');
    expect(failedStep(parseConsole(passing, 'console.html'))).toEqual([]);
    expect(parseConsole(passing, 'console.html').scripts[3]).toMatchObject({ status: 'ok', first_error: null });
  });

  it('a log cut before Finished: the CI result decides, and without one the step stays unknown', () => {
    const cut = unmarked
      .split('\n')
      .filter((l) => !l.includes('Finished:'))
      .join('\n');
    expect(failedStep(parseConsole(cut, 'console.html', 'FAILURE')).map((s) => s.name)).toEqual([
      'Build step 3: ./safe-devstack-vm-gate-wrap.sh',
    ]);
    expect(parseConsole(cut, 'console.html').scripts[3].status).toBeNull();
  });

  it('streams the held steps out in the log order, the same whatever the chunking', async () => {
    for (const size of [1, 97, 65536]) {
      const artifact = await consoleArtifact(chunked(Buffer.from(unmarked), size), 'console.html', null);
      expect(artifactJson([artifact], 'console')).toEqual(parseConsole(unmarked, 'console.html'));
    }
  });
});

describe('detectConsoleFormat', () => {
  it.each([
    ['console.html', '', 'jenkins'],
    ['console.html.gz', '', 'jenkins'],
    ['job-output.txt', '<b>', 'zuul'],
    ['log.txt', '<html><pre>', 'jenkins'],
    ['log.txt', '2024-02-13 23:39:24.123456 | x', 'zuul'],
  ])('%s starting %j is %s', (name, head, format) => expect(detectConsoleFormat(name, head)).toBe(format));
});

describe('consoleArtifact', () => {
  it.each([
    ['job-output.txt', 'FAILURE'],
    ['console.html', null],
  ])('streams %s into gzip JSON, the same whatever the chunking', async (name, jobResult) => {
    const bytes = fixture('console', name);
    const artifact = await consoleArtifact(chunked(bytes, 7), name, jobResult);
    expect(artifact).toMatchObject({ artifactType: 'console', contentType: 'application/json', primary: false });
    expect(artifactJson([artifact], 'console')).toEqual(parseConsole(bytes.toString(), name, jobResult));
  });

  it('keeps multi-byte characters split across chunks and CRLF lines', async () => {
    const text = '2024-02-13 23:39:24.123456 | caf\u00e9 \u2603\r\n2024-02-13 23:39:25.000000 | TASK [t]\r\n';
    const artifact = await consoleArtifact(chunked(Buffer.from(text), 1), 'job-output.txt');
    const log = artifactJson<ConsoleLog>([artifact], 'console');
    expect(log.scripts.map((s) => s.lines.map(consoleLineText))).toEqual([
      ['2024-02-13 23:39:24.123456 | caf\u00e9 \u2603'],
      ['2024-02-13 23:39:25.000000 | TASK [t]'],
    ]);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /empty/],
    ['blank lines only', Buffer.from('\n\n  \n'), /no text/],
    ['a binary file', fixture('subunit', 'stestr-4workers.subunit'), /binary/],
  ])('rejects %s', async (_what, bytes, reason) => {
    await expect(consoleArtifact(chunked(bytes, 50), 'job-output.txt')).rejects.toBeInstanceOf(ArtifactFormatError);
    await expect(consoleArtifact(chunked(bytes, 50), 'job-output.txt')).rejects.toThrow(reason);
  });
});
