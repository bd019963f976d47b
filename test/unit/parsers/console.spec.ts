import { ArtifactFormatError, consoleArtifact } from '../../../src/artifacts/parsers';
import { ConsoleLog, detectConsoleFormat, parseConsole } from '../../../src/artifacts/parsers/console/parse-console';
import { artifactJson, chunked, fixture } from './parser-test-helpers';

const summary = (log: ConsoleLog) => log.sections.map((s) => [s.kind, s.title, s.status, s.lines.length]);

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
    expect(log.sections.reduce((n, s) => n + s.lines.length, 0)).toBe(38);
  });

  it('times a section from its first line to the next section', () => {
    const devstack = log.sections.find((s) => s.title === 'run-devstack : Run devstack')!;
    expect(devstack).toMatchObject({
      start: '2024-02-13T23:39:29.300000+00:00',
      end: '2024-02-13T23:55:12.600000+00:00',
      duration: 943.3,
    });
    expect(devstack.lines[0]).toBe('2024-02-13 23:39:29.300000 | TASK [run-devstack : Run devstack]');
    const play = log.sections.find((s) => s.title === 'controller')!;
    expect([play.start, play.end]).toEqual(['2024-02-13T23:39:28.000000+00:00', '2024-02-14T00:00:00.000000+00:00']);
    expect(log.sections[log.sections.length - 1].end).toBe('2024-02-14T00:00:00.100000+00:00');
  });

  it('recognises Ansible\'s own result lines too', () => {
    const text = ['TASK [x]', 'ok: [node1]', 'changed: [node2]', 'TASK [y]', 'fatal: [node1]: FAILED! => {}', 'TASK [z]', 'no result'].join('\n');
    expect(summary(parseConsole(text, 'job-output.txt'))).toEqual([
      ['task', 'x', 'changed', 3],
      ['task', 'y', 'failed', 2],
      ['task', 'z', null, 2],
    ]);
  });
});

describe('parseConsole: Jenkins console.html', () => {
  const log = parseConsole(fixture('console', 'console.html').toString(), 'console.html');

  it('splits build steps, strips markup and decodes entities', () => {
    expect(log.format).toBe('jenkins');
    expect(summary(log)).toEqual([
      ['other', 'Job start', null, 3],
      ['task', '/bin/bash -xe /tmp/hudson8029624906143612045.sh', 'ok', 3],
      ['task', '/bin/bash -xe /tmp/hudson1234567890.sh', 'failed', 6],
      ['other', 'Finished: FAILURE', 'failed', 1],
    ]);
    expect(log.sections[0].lines[0]).toBe('2016-06-28 13:20:28.611 | Started by user anonymous');
    expect(log.sections[2].lines[2]).toBe(
      '2016-06-28 13:38:01.100 | 2016-06-28 13:38:01.099 | if [[ "$DEVSTACK_GATE_TEMPEST" -eq "1" && -n $x ]]; then echo <ok>; fi',
    );
    expect(log.sections[2]).toMatchObject({ start: '2016-06-28T13:20:35.001000+00:00', end: '2016-06-28T14:11:52.300000+00:00', duration: 3077.299 });
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
  it('streams the sections into gzip JSON, the same whatever the chunking', async () => {
    const bytes = fixture('console', 'job-output.txt');
    const artifact = await consoleArtifact(chunked(bytes, 7), 'job-output.txt');
    expect(artifact).toMatchObject({ artifactType: 'console', contentType: 'application/json', primary: false });
    expect(artifactJson([artifact], 'console')).toEqual(parseConsole(bytes.toString(), 'job-output.txt'));
  });

  it('keeps multi-byte characters split across chunks and CRLF lines', async () => {
    const text = '2024-02-13 23:39:24.123456 | caf\u00e9 \u2603\r\n2024-02-13 23:39:25.000000 | TASK [t]\r\n';
    const artifact = await consoleArtifact(chunked(Buffer.from(text), 1), 'job-output.txt');
    const log = artifactJson<ConsoleLog>([artifact], 'console');
    expect(log.sections.map((s) => s.lines)).toEqual([['2024-02-13 23:39:24.123456 | caf\u00e9 \u2603'], ['2024-02-13 23:39:25.000000 | TASK [t]']]);
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
