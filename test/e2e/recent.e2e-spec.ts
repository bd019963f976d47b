import { FakeLogServer, startFakeLogServer } from '../fake-upstream/fake-logs';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson, waitForTask } from './harness';

describe(`GET /recent (${BACKEND})`, () => {
  let logs: FakeLogServer;
  let s: BootedApp;

  beforeAll(async () => {
    logs = await startFakeLogServer();
    s = await bootApp({ ARTIFACT_HOSTS: logs.host });
  });
  afterAll(async () => {
    await s.close();
    await logs.close();
  });

  const recent = async (query = '') => {
    const res = await fetch(`${s.baseUrl}/recent${query}`);
    return { status: res.status, body: await res.json() };
  };

  it('is empty on a fresh database', async () => {
    expect(await recent()).toEqual({ status: 200, body: { runs: [] } });
  });

  it('lists scraped runs newest first with their change, patch set, pipeline, task state and CI result; limit bounds it', async () => {
    const first = await postJson(s.baseUrl, '/scrape', {
      url: logs.logUrl('consoleOnly'),
      name: 'openstack-tox-pep8',
      change_id: 123456,
      change_project: 'openstack/nova',
      revision: 3,
      pipeline: 'check',
      status: 'SUCCESS',
    });
    await waitForTask(s.baseUrl, first.body.uuid);
    const second = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl('postFailure'), name: 'nova-next', status: 'POST_FAILURE' });
    await waitForTask(s.baseUrl, second.body.uuid);

    const { status, body } = await recent();
    expect(status).toBe(200);
    expect(body.runs).toEqual([
      {
        uuid: second.body.uuid,
        name: 'nova-next',
        change_id: null,
        change_project: null,
        revision: null,
        pipeline: null,
        status: 'finished',
        ci_status: 'POST_FAILURE',
        created_at: expect.any(String),
      },
      {
        uuid: first.body.uuid,
        name: 'openstack-tox-pep8',
        change_id: 123456,
        change_project: 'openstack/nova',
        revision: 3,
        pipeline: 'check',
        status: 'finished',
        ci_status: 'SUCCESS',
        created_at: expect.any(String),
      },
    ]);
    expect(Date.parse(body.runs[0].created_at)).toBeGreaterThanOrEqual(Date.parse(body.runs[1].created_at));
    expect(body.runs[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await recent('?limit=1')).body.runs.map((r: { uuid: string }) => r.uuid)).toEqual([second.body.uuid]);
  });

  it.each(['0', '101', 'abc', '2.5', '-3'])('answers 400 to limit=%s', async (limit) => {
    const { status, body } = await recent(`?limit=${limit}`);
    expect(status).toBe(400);
    expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'limit must be a whole number from 1 to 100' });
  });
});
