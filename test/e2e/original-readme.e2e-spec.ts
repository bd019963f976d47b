import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FakeLogServer, LOG_PATHS } from '../fake-upstream/fake-logs';
import { FakeUpstreams, startFakeUpstreams } from '../fake-upstream/fake-upstreams';
import { BACKEND } from './backend';
import { BootedApp, bootApp } from './harness';

const run = promisify(execFile);

/** The HTTPie session of docs/api.md (the original stackviz-deployer's README's), end to end, against the real service and the fake upstream. */
describe(`the HTTPie session of docs/api.md (${BACKEND})`, () => {
  let upstreams: FakeUpstreams;
  let logs: FakeLogServer;
  let s: BootedApp;

  beforeAll(async () => {
    upstreams = await startFakeUpstreams();
    ({ logs } = upstreams);
    s = await bootApp(upstreams.env);
  });
  afterAll(async () => {
    await s.close();
    await upstreams.close();
  });

  const sh = async (command: string) => (await run('bash', ['-o', 'pipefail', '-c', command])).stdout;
  const base = () => s.baseUrl;

  it('lists, scrapes, polls, reads the task and fetches a blob with http and jq', async () => {
    const queued = JSON.parse(
      await sh(`http --ignore-stdin post ${base()}/list q=269624 | jq '.results[2]' | http --check-status post ${base()}/scrape`),
    );
    expect(queued).toEqual({ status: 'queued', uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    let status: { status: string; uuid: string };
    const deadline = Date.now() + 30000;
    do {
      status = JSON.parse(await sh(`http --ignore-stdin --check-status post ${base()}/status q=${queued.uuid}`));
      if (Date.now() > deadline) throw new Error(`still ${status.status}`);
    } while (status.status !== 'finished' && status.status !== 'error');
    expect(status).toMatchObject({ status: 'finished', uuid: queued.uuid });

    const task = JSON.parse(await sh(`http --ignore-stdin --check-status post ${base()}/task q=${queued.uuid}`));
    expect(task).toMatchObject({
      change_id: 269624,
      change_project: 'openstack/cinder',
      ci_username: 'jenkins',
      id: queued.uuid,
      name: 'gate-tempest-dsvm-full',
      pipeline: 'check',
      revision: 19,
      status: 'SUCCESS',
      url: logs.url + LOG_PATHS.readmeCinderTempest,
    });
    // The answers call the uuid "id" (here) and "uuid" (/status): both names work in the requests too.
    const port = new URL(base()).port;
    const byId = JSON.parse(await sh(`http --ignore-stdin --check-status post :${port}/task id=${queued.uuid}`));
    expect(byId).toEqual(task);
    const byUuid = JSON.parse(await sh(`http --ignore-stdin --check-status post :${port}/status uuid=${queued.uuid}`));
    expect(byUuid).toMatchObject({ status: 'finished', uuid: queued.uuid });

    const dstat = task.artifacts.find((a: { artifact_type: string }) => a.artifact_type === 'dstat');
    expect(dstat).toMatchObject({ content_encoding: 'gzip', content_type: 'text/csv' });

    const headers = await sh(`http --ignore-stdin --check-status get ${base()}/blob/${dstat.id} --headers`);
    expect(headers).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(headers).toMatch(/^content-encoding: gzip\r?$/im);
    expect(headers).toMatch(/^content-type: text\/csv\r?$/im);
    expect(headers).toMatch(/^content-length: \d+\r?$/im);
  });
});
