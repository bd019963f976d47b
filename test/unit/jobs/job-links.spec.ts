import { loadConfig } from '../../../src/config/load-config';
import { classifyJobLink, linkedBuildset, sameLogDir } from '../../../src/jobs/job-links';

const config = loadConfig({}, []);
const UUID = 'e09e82136d714711a5d01051bc633e65';

describe('classifyJobLink', () => {
  it.each([
    [`https://zuul.opendev.org/t/openstack/build/${UUID}`, { kind: 'build', tenant: 'openstack', uuid: UUID }],
    [`https://zuul.opendev.org/t/zuul/build/${UUID}/`, { kind: 'build', tenant: 'zuul', uuid: UUID }],
    [`build/${UUID}`, { kind: 'build', tenant: 'openstack', uuid: UUID }],
    [
      'http://logs.openstack.org/26/271726/2/check/gate-stackviz-pep8/7c374a7/',
      { kind: 'logs', url: 'http://logs.openstack.org/26/271726/2/check/gate-stackviz-pep8/7c374a7/' },
    ],
    ['http://ci.foo.example/logs/56/123456/3/foo-job/7', { kind: 'logs', url: 'http://ci.foo.example/logs/56/123456/3/foo-job/7/' }],
    // a third-party Zuul's build page: not a log directory, and our Zuul cannot resolve it
    [`https://zuul.foo.example/t/foo/build/${UUID}`, { kind: 'foreign-build', url: `https://zuul.foo.example/t/foo/build/${UUID}` }],
    [`https://ci.foo.example/zuul/build/${UUID}/`, { kind: 'foreign-build', url: `https://ci.foo.example/zuul/build/${UUID}/` }],
    [`https://zuul.opendev.org/t/openstack/buildset/${UUID}`, null],
    [null, null],
    ['nova-next', null],
    ['ftp://logs.example/x/', null],
  ])('%s', (link, expected) => {
    expect(classifyJobLink(link, config)).toEqual(expected);
  });
});

describe('linkedBuildset', () => {
  it.each([
    [`https://zuul.opendev.org/t/openstack/buildset/${UUID}`, { tenant: 'openstack', uuid: UUID }],
    [`buildset/${UUID}`, { tenant: 'openstack', uuid: UUID }],
    [`https://zuul.opendev.org/t/openstack/build/${UUID}`, null],
    [`https://zuul.foo.example/t/foo/buildset/${UUID}`, null],
    [null, null],
  ])('%s', (link, expected) => {
    expect(linkedBuildset(link, config)).toEqual(expected);
  });
});

describe('sameLogDir', () => {
  it('compares paths, ignoring scheme, host and a trailing slash', () => {
    expect(
      sameLogDir('http://logs.openstack.org/26/271726/2/gate/x/937cf7b/', 'https://logs.openstack.org/26/271726/2/gate/x/937cf7b'),
    ).toBe(true);
    expect(sameLogDir('http://a/26/271726/2/gate/x/937cf7b/', 'http://a/26/271726/2/gate/x/937cf7c/')).toBe(false);
    expect(sameLogDir('not a url', 'not a url')).toBe(false);
  });
});
