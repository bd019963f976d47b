import { globMatcher } from '../../../src/watch/globs';

describe('WATCH_PROJECTS / WATCH_JOBS patterns', () => {
  it('matches whole names, * as any run of characters, and nothing else special', () => {
    const m = globMatcher(['tempest-*', 'nova-next', 'openstack/*.io']);
    expect(m('tempest-full-py3')).toBe(true);
    expect(m('nova-next')).toBe(true);
    expect(m('nova-next-2')).toBe(false);
    expect(m('my-tempest-full')).toBe(false);
    expect(m('openstack/x.io')).toBe(true);
    expect(m('openstack/xyio')).toBe(false);
    expect(m(null)).toBe(false);
  });

  it('without patterns follows everything', () => {
    expect(globMatcher(null)('anything')).toBe(true);
  });
});
