import { consoleArtifact } from '../../../src/artifacts/parsers';
import { artifactJson, chunked, fixture } from './parser-test-helpers';
import { codemirrorConsole, consoleSummary } from './stackviz-console-views';

/** Our `console` artifact as StackViz's own console summary and CodeMirror console render it. */
describe("the console artifact in StackViz's console views", () => {
  const render = async (name: string, jobResult: string | null) => {
    const doc = artifactJson<Parameters<typeof codemirrorConsole>[0]>(
      [await consoleArtifact(chunked(fixture('console', name), 4096), name, jobResult)],
      'console',
    );
    return { editor: codemirrorConsole(doc), summary: consoleSummary(doc) };
  };

  it('Zuul job-output.txt: the log line for line, a header above each play and task, the CI result', async () => {
    const { editor, summary } = await render('job-output.txt', 'FAILURE');
    expect(editor.value + '\n').toBe(fixture('console', 'job-output.txt').toString());
    expect([...editor.headers]).toEqual([
      [0, 'Job start'],
      [6, 'localhost'],
      [8, 'Gathering Facts'],
      [11, 'log-inventory : Ensure Zuul Ansible directory exists'],
      [14, 'controller'],
      [16, 'prepare-workspace : Start zuul_console daemon.'],
      [19, 'run-devstack : Run devstack'],
      [24, 'run-tempest : Run tempest'],
      [33, 'PLAY RECAP'],
    ]);
    expect(editor.value.split('\n')[24]).toBe('2024-02-13 23:55:12.600000 | TASK [run-tempest : Run tempest]');
    // `remaining` is unknown (null): StackViz then shows no "N of M scripts completed" rather than a wrong count
    expect(summary).toEqual({ panelClass: 'panel-danger', status: 'FAILURE', completed: null, lastScript: null });
  });

  it('Jenkins console.html: the text inside <pre> without markup, one header per build step, "Finished: X" as the status', async () => {
    const { editor, summary } = await render('console.html', null);
    expect(editor.value.split('\n')).toEqual([
      '2016-06-28 13:20:28.611 | Started by user anonymous',
      '2016-06-28 13:20:28.613 | [EnvInject] - Loading node environment variables.',
      '2016-06-28 13:20:28.625 | Building remotely on devstack-trusty-rax-iad-1866493 (devstack-trusty) in workspace /home/jenkins/workspace/gate-tempest-dsvm-full',
      '2016-06-28 13:20:28.845 | [gate-tempest-dsvm-full] $ /bin/bash -xe /tmp/hudson8029624906143612045.sh',
      '2016-06-28 13:20:28.847 | + rm -rf /opt/stack/logs',
      '2016-06-28 13:20:28.850 | + mkdir -p /opt/stack/logs',
      '2016-06-28 13:20:35.001 | [gate-tempest-dsvm-full] $ /bin/bash -xe /tmp/hudson1234567890.sh',
      '2016-06-28 13:20:35.002 | + /usr/local/jenkins/slave_scripts/devstack-gate-wrap.sh ./safe-devstack-vm-gate-wrap.sh',
      '2016-06-28 13:38:01.100 | 2016-06-28 13:38:01.099 | if [[ "$DEVSTACK_GATE_TEMPEST" -eq "1" && -n $x ]]; then echo <ok>; fi',
      '2016-06-28 14:11:48.000 | tempest.api.volume.test_volumes_get.VolumesV2GetTest.test_volume_create_get_update_delete ... FAILED',
      "2016-06-28 14:11:50.100 | Build step 'Execute shell' marked build as failure",
      '2016-06-28 14:11:50.200 | [SCP] Connecting to static.openstack.org',
      '2016-06-28 14:11:52.300 | Finished: FAILURE',
    ]);
    expect([...editor.headers.keys()]).toEqual([0, 3, 6, 12]);
    expect(editor.headers.get(3)).toBe('Build step 1: mkdir -p /opt/stack/logs');
    expect(summary).toEqual({ panelClass: 'panel-danger', status: 'FAILURE', completed: null, lastScript: null });
  });

  it('a passing job reads as success', async () => {
    const { summary } = await render('job-output.txt', 'SUCCESS');
    expect(summary.panelClass).toBe('panel-success');
  });
});
