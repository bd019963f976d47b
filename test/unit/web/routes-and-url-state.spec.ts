import { folderSite, parseRoute, siteSource, sitePath } from '../../../src/ui/ui-routes';
import { formatTimelineState, parseTimelineState } from '../../../web/src/logic/url-state';
import { formatFailuresView, parseFailuresView } from '../../../web/src/logic/failures-view';

describe('client routes', () => {
  it('recognises /, /go/<query> with URLs (hash and search kept) and viewer pages', () => {
    expect(parseRoute('/')).toEqual({ kind: 'home' });
    expect(parseRoute('/go/271726,2')).toEqual({ kind: 'go', query: '271726,2' });
    expect(parseRoute('/go/https://review.openstack.org/', '', '#/c/271726/2')).toEqual({
      kind: 'go',
      query: 'https://review.openstack.org/#/c/271726/2',
    });
    expect(parseRoute('/go/https%3A%2F%2Fzuul.opendev.org%2Ft%2Fopenstack%2Fbuild%2Fabc')).toEqual({
      kind: 'go',
      query: 'https://zuul.opendev.org/t/openstack/build/abc',
    });
    const uuid = '0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(parseRoute(`/s/${uuid}/`)).toEqual({ kind: 'site', site: uuid, page: 'summary', test: null });
    expect(parseRoute(`/s/${uuid}`)).toEqual({ kind: 'site', site: uuid, page: 'summary', test: null });
    expect(parseRoute(`/s/${uuid}/timeline`)).toMatchObject({ page: 'timeline' });
    expect(parseRoute(sitePath(uuid, 'test', 'a.b.C.test_x'))).toMatchObject({ page: 'test', test: 'a.b.C.test_x' });
    expect(parseRoute('/nope')).toEqual({ kind: 'not-found' });
    expect(parseRoute('/help')).toEqual({ kind: 'help' });
    expect(parseRoute('/help/')).toEqual({ kind: 'help' });
  });

  it('opens the test picker for the Test details tab with no test named', () => {
    const uuid = '0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(parseRoute(sitePath(uuid, 'test', ''))).toEqual({ kind: 'site', site: uuid, page: 'test', test: null });
    expect(parseRoute(`/s/${uuid}/test`)).toEqual({ kind: 'site', site: uuid, page: 'test', test: null });
  });

  it('tells a task uuid from a StackViz data folder', () => {
    expect(siteSource('0B1E7C2A-3F4D-4E5F-8A9B-0C1D2E3F4A5B')).toEqual({
      kind: 'task',
      uuid: '0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b',
    });
    const site = folderSite('http://logs.example/x/controller/logs/stackviz/data/config.json');
    const route = parseRoute(sitePath(site, 'console'));
    expect(route).toMatchObject({ kind: 'site', page: 'console' });
    expect(siteSource((route as { site: string }).site)).toEqual({
      kind: 'folder',
      configUrl: 'http://logs.example/x/controller/logs/stackviz/data/config.json',
    });
    expect(siteSource('not-a-uuid')).toBeNull();
  });
});

describe('timeline state in the URL', () => {
  it('round-trips selected test, window, search and status filter', () => {
    const state = { test: 'tempest.api.X.test_y', from: 12.3456, to: 80, q: 'volume', statuses: ['fail', 'skip'] };
    const search = formatTimelineState(state);
    expect(search).toBe('?test=tempest.api.X.test_y&from=12.346&to=80&q=volume&status=fail%2Cskip');
    expect(parseTimelineState(search)).toEqual({ ...state, from: 12.346 });
  });

  it('ignores an empty or inverted window and non-numbers', () => {
    expect(parseTimelineState('?from=5&to=2')).toMatchObject({ from: null, to: null });
    expect(parseTimelineState('?from=x&to=2')).toMatchObject({ from: null });
    expect(formatTimelineState(parseTimelineState(''))).toBe('');
  });
});

describe("/f/'s view in the URL", () => {
  it('keeps the window, pipeline, project and search, and leaves the defaults out', () => {
    const view = { days: 3, pipeline: 'gate', project: 'openstack/nova', q: 'Details: (ServersTestJSON:test_reboot) & more' };
    const search = formatFailuresView(view);
    expect(search).toBe('?days=3&pipeline=gate&project=openstack%2Fnova&q=Details%3A+%28ServersTestJSON%3Atest_reboot%29+%26+more');
    expect(parseFailuresView(search)).toEqual(view);
    expect(formatFailuresView({ days: 7, pipeline: '', project: '  ', q: null })).toBe('');
    expect(parseFailuresView('')).toEqual({ days: 7, pipeline: '', project: '', q: null });
  });

  it('takes a window it does not offer, or an empty search, as the default', () => {
    expect(parseFailuresView('?days=30&q=%20%20')).toEqual({ days: 7, pipeline: '', project: '', q: null });
    expect(parseFailuresView('?days=abc').days).toBe(7);
  });
});
