import { loadConfig } from '../../../src/config/load-config';
import { LogFolders } from '../../../src/jobs/log-folders';
import { FakeLogServer, startFakeLogServer } from '../../fake-upstream/fake-logs';

describe('LogFolders (HEAD requests to the fake log server)', () => {
  let logs: FakeLogServer;
  let folders: LogFolders;

  beforeAll(async () => {
    logs = await startFakeLogServer();
    folders = new LogFolders(loadConfig({ ARTIFACT_HOSTS: logs.host, FETCH_TIMEOUT_MS: '2000' }, []));
  });
  afterAll(() => logs.close());

  const asked = async (url: string) => {
    const before = logs.requests.length;
    const state = await folders.state(url);
    return { state, requests: logs.requests.slice(before).map((r) => `${r.method} ${r.path.slice(new URL(url).pathname.length)}`) };
  };

  it('finds a folder that answers, with one HEAD', async () => {
    expect(await asked(logs.logUrl('legacyUnit'))).toEqual({ state: { kind: 'there' }, requests: ['HEAD '] });
    expect(await asked(logs.logUrl('modern'))).toEqual({ state: { kind: 'there' }, requests: ['HEAD '] });
  });

  it('takes an Apache folder without a listing (403) as there', async () => {
    expect((await asked(logs.logUrl('unlisted'))).state).toEqual({ kind: 'there' });
  });

  it('finds a Swift folder whose URL 404s by its manifest or index.html', async () => {
    expect(await asked(logs.logUrl('modernIndexOnly'))).toEqual({
      state: { kind: 'there' },
      requests: ['HEAD ', 'HEAD zuul-manifest.json', 'HEAD index.html'],
    });
  });

  it('says missing when none of the three is there', async () => {
    expect((await asked(logs.logUrl('expired'))).state).toEqual({ kind: 'missing' });
  });

  it('asks nothing of a host outside ARTIFACT_HOSTS, and says why it could not check', async () => {
    const state = await folders.state('http://logs.example.test/12/100012/1/check/tempest-full/9f9f9f9/');
    expect(state).toEqual({ kind: 'unchecked', why: expect.stringMatching(/host logs\.example\.test is not in ARTIFACT_HOSTS/) });
  });
});
