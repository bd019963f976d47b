import { BadRequestException } from '@nestjs/common';
import { loadConfig } from '../../../src/config/load-config';
import { JobQuery, parseQuery } from '../../../src/jobs/query-parser';

const production = loadConfig({}, []);
// The e2e layout: every upstream on 127.0.0.1, told apart only by port.
const local = loadConfig(
  {
    GERRIT_URL: 'http://127.0.0.1:8001',
    ZUUL_URL: 'http://127.0.0.1:8002',
    LEGACY_LOGS_URL: 'http://127.0.0.1:8003',
    ARTIFACT_HOSTS: '127.0.0.1:8003,127.0.0.1:8004',
  },
  [],
);

const BUILD = 'e09e82136d714711a5d01051bc633e65';
const SHA = '5a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
const SWIFT = 'https://storage.bhs.cloud.ovh.net/v1/AUTH_dcaab5e32b234d56b626f72581e3644c/zuul_opendev_logs_5f0';
const LEGACY = 'http://logs.openstack.org/26/271726/2/gate/gate-stackviz-python27/937cf7b/';

const good: [string, JobQuery][] = [
  ['271726', { kind: 'change', change: 271726, patchSet: null }],
  ['  271726\n', { kind: 'change', change: 271726, patchSet: null }],
  ['1', { kind: 'change', change: 1, patchSet: null }],
  ['271726,2', { kind: 'change', change: 271726, patchSet: 2 }],
  ['271726/2', { kind: 'change', change: 271726, patchSet: 2 }],
  ['269624,19', { kind: 'change', change: 269624, patchSet: 19 }],
  ['https://review.opendev.org/c/openstack/nova/+/123456/3', { kind: 'change', change: 123456, patchSet: 3 }],
  ['https://review.opendev.org/c/openstack/nova/+/123456', { kind: 'change', change: 123456, patchSet: null }],
  ['https://review.opendev.org/c/openstack/nova/+/123456/', { kind: 'change', change: 123456, patchSet: null }],
  ['https://review.opendev.org/c/openstack/nova/+/123456/3/nova/compute/manager.py', { kind: 'change', change: 123456, patchSet: 3 }],
  ['https://review.opendev.org/c/openstack/nova/+/123456/1..3/nova/compute/manager.py', { kind: 'change', change: 123456, patchSet: 3 }],
  ['https://review.opendev.org/c/openstack/nova/+/123456/3/nova/api.py#12', { kind: 'change', change: 123456, patchSet: 3 }],
  ['https://review.opendev.org/c/openstack/nova/+/123456/comments/0a1b2c3d_4e5f6a7b', { kind: 'change', change: 123456, patchSet: null }],
  ['https://review.opendev.org/c/openstack/project-config/+/123456/3?tab=comments', { kind: 'change', change: 123456, patchSet: 3 }],
  ['https://review.opendev.org/c/x/networking-foo/+/123456/', { kind: 'change', change: 123456, patchSet: null }],
  ['https://review.opendev.org/c/123456/3', { kind: 'change', change: 123456, patchSet: 3 }],
  ['https://review.opendev.org/c/123456', { kind: 'change', change: 123456, patchSet: null }],
  ['https://review.opendev.org/123456', { kind: 'change', change: 123456, patchSet: null }],
  ['https://review.opendev.org/123456/', { kind: 'change', change: 123456, patchSet: null }],
  ['https://review.openstack.org/#/c/271726/2', { kind: 'change', change: 271726, patchSet: 2 }],
  ['https://review.openstack.org/#/c/271726/', { kind: 'change', change: 271726, patchSet: null }],
  ['https://review.openstack.org/#/c/271726', { kind: 'change', change: 271726, patchSet: null }],
  ['https://review.openstack.org/#/c/271726/2/stackviz/static/js/timeline.js', { kind: 'change', change: 271726, patchSet: 2 }],
  ['https://review.openstack.org/#/c/269624/18..19/cinder/volume/drivers/emc/scaleio.py', { kind: 'change', change: 269624, patchSet: 19 }],
  ['http://review.openstack.org/#/c/271726/', { kind: 'change', change: 271726, patchSet: null }],
  ['review.opendev.org/c/openstack/nova/+/123456/3', { kind: 'change', change: 123456, patchSet: 3 }],
  ['https://review.opendev.org/#/c/openstack/nova/+/123456/2', { kind: 'change', change: 123456, patchSet: 2 }],
  [LEGACY, { kind: 'legacy-log', change: 271726, patchSet: 2, pipeline: 'gate', job: 'gate-stackviz-python27', url: LEGACY }],
  [LEGACY.slice(0, -1), { kind: 'legacy-log', change: 271726, patchSet: 2, pipeline: 'gate', job: 'gate-stackviz-python27', url: LEGACY }],
  [
    `${LEGACY}console.html.gz`,
    { kind: 'legacy-log', change: 271726, patchSet: 2, pipeline: 'gate', job: 'gate-stackviz-python27', url: LEGACY },
  ],
  [
    `${LEGACY}logs/testrepository.subunit.gz`,
    { kind: 'legacy-log', change: 271726, patchSet: 2, pipeline: 'gate', job: 'gate-stackviz-python27', url: LEGACY },
  ],
  [
    'https://logs.openstack.org/24/269624/19/check/gate-tempest-dsvm-full/84f9b4a/logs/dstat-csv_log.txt.gz',
    {
      kind: 'legacy-log',
      change: 269624,
      patchSet: 19,
      pipeline: 'check',
      job: 'gate-tempest-dsvm-full',
      url: 'http://logs.openstack.org/24/269624/19/check/gate-tempest-dsvm-full/84f9b4a/',
    },
  ],
  [
    'http://logs.openstack.org/06/6/1/check/gate-noop/0123abc/',
    {
      kind: 'legacy-log',
      change: 6,
      patchSet: 1,
      pipeline: 'check',
      job: 'gate-noop',
      url: 'http://logs.openstack.org/06/6/1/check/gate-noop/0123abc/',
    },
  ],
  [
    'http://logs.openstack.org/periodic/periodic-tempest-dsvm-full-ubuntu-trusty-master/8a3b2c1/',
    {
      kind: 'legacy-periodic',
      pipeline: 'periodic',
      job: 'periodic-tempest-dsvm-full-ubuntu-trusty-master',
      url: 'http://logs.openstack.org/periodic/periodic-tempest-dsvm-full-ubuntu-trusty-master/8a3b2c1/',
    },
  ],
  [
    'http://logs.openstack.org/periodic-stable/periodic-nova-python27-liberty/0f9e8d7/console.html',
    {
      kind: 'legacy-periodic',
      pipeline: 'periodic-stable',
      job: 'periodic-nova-python27-liberty',
      url: 'http://logs.openstack.org/periodic-stable/periodic-nova-python27-liberty/0f9e8d7/',
    },
  ],
  [`https://zuul.opendev.org/t/openstack/build/${BUILD}`, { kind: 'zuul-build', tenant: 'openstack', uuid: BUILD }],
  [`https://zuul.opendev.org/t/openstack/build/${BUILD}/logs`, { kind: 'zuul-build', tenant: 'openstack', uuid: BUILD }],
  [`https://zuul.opendev.org/t/zuul/build/${BUILD}/console#2/0/3/ubuntu-jammy`, { kind: 'zuul-build', tenant: 'zuul', uuid: BUILD }],
  [`https://zuul.opendev.org/t/openstack/buildset/${BUILD}`, { kind: 'zuul-buildset', tenant: 'openstack', uuid: BUILD }],
  [
    'https://d1b2c3.ssl.cf5.rackcdn.com/456/123456/3/check/tempest-full-py3/5f0c1a2/',
    {
      kind: 'modern-log',
      change: 123456,
      patchSet: 3,
      pipeline: 'check',
      job: 'tempest-full-py3',
      hash: '5f0c1a2',
      url: 'https://d1b2c3.ssl.cf5.rackcdn.com/456/123456/3/check/tempest-full-py3/5f0c1a2/',
    },
  ],
  [
    'https://storage.bhs.cloud.ovh.net/v1/AUTH_dcaab5e32b234d56b626f72581e3644c/zuul_opendev_logs_5f0/123456/3/check/nova-next/9a1b2c3/job-output.txt',
    {
      kind: 'modern-log',
      change: 123456,
      patchSet: 3,
      pipeline: 'check',
      job: 'nova-next',
      hash: '9a1b2c3',
      url: 'https://storage.bhs.cloud.ovh.net/v1/AUTH_dcaab5e32b234d56b626f72581e3644c/zuul_opendev_logs_5f0/123456/3/check/nova-next/9a1b2c3/',
    },
  ],
  [
    // On the legacy host but not in its layout (the shard is not the change's last two digits): a modern log.
    'http://logs.openstack.org/95/123456/3/check/tempest-full-py3/5f0c1a2/',
    {
      kind: 'modern-log',
      change: 123456,
      patchSet: 3,
      pipeline: 'check',
      job: 'tempest-full-py3',
      hash: '5f0c1a2',
      url: 'http://logs.openstack.org/95/123456/3/check/tempest-full-py3/5f0c1a2/',
    },
  ],
  [
    `https://d1b2c3.ssl.cf5.rackcdn.com/openstack/${BUILD}/controller/logs/`,
    { kind: 'modern-log-build', tenant: 'openstack', uuid: BUILD, url: `https://d1b2c3.ssl.cf5.rackcdn.com/openstack/${BUILD}/` },
  ],
  [
    // the only form since March 2025, in a Swift container
    `${SWIFT}/openstack/${BUILD}/job-output.txt`,
    { kind: 'modern-log-build', tenant: 'openstack', uuid: BUILD, url: `${SWIFT}/openstack/${BUILD}/` },
  ],
  // Zuul v3's periodic layout: pipeline, canonical project name (host/org/repo), branch, job, hash.
  [
    'http://logs.openstack.org/periodic/git.openstack.org/openstack/nova/master/openstack-tox-py35-with-oslo-master/3d4e5f6/',
    {
      kind: 'periodic-log',
      pipeline: 'periodic',
      project: 'openstack/nova',
      branch: 'master',
      job: 'openstack-tox-py35-with-oslo-master',
      hash: '3d4e5f6',
      url: 'http://logs.openstack.org/periodic/git.openstack.org/openstack/nova/master/openstack-tox-py35-with-oslo-master/3d4e5f6/',
    },
  ],
  [
    // a branch with a slash, a file below the build, another periodic pipeline
    'http://logs.openstack.org/periodic-stable/git.openstack.org/openstack/neutron/stable/queens/openstack-tox-py27/0a1b2c3/job-output.txt.gz',
    {
      kind: 'periodic-log',
      pipeline: 'periodic-stable',
      project: 'openstack/neutron',
      branch: 'stable/queens',
      job: 'openstack-tox-py27',
      hash: '0a1b2c3',
      url: 'http://logs.openstack.org/periodic-stable/git.openstack.org/openstack/neutron/stable/queens/openstack-tox-py27/0a1b2c3/',
    },
  ],
  [
    `${SWIFT}/periodic-weekly/opendev.org/openstack/nova/stable/2023.2/nova-tempest-full-oslo.versionedobjects/9f8e7d6/`,
    {
      kind: 'periodic-log',
      pipeline: 'periodic-weekly',
      project: 'openstack/nova',
      branch: 'stable/2023.2',
      job: 'nova-tempest-full-oslo.versionedobjects',
      hash: '9f8e7d6',
      url: `${SWIFT}/periodic-weekly/opendev.org/openstack/nova/stable/2023.2/nova-tempest-full-oslo.versionedobjects/9f8e7d6/`,
    },
  ],
  // ref-updated builds (post, tag, release): the new commit sharded by its first two characters…
  [
    `http://logs.openstack.org/5a/${SHA}/post/publish-openstack-releasenotes-python3/4e5f6a7/`,
    {
      kind: 'ref-log',
      newrev: SHA,
      pipeline: 'post',
      job: 'publish-openstack-releasenotes-python3',
      hash: '4e5f6a7',
      url: `http://logs.openstack.org/5a/${SHA}/post/publish-openstack-releasenotes-python3/4e5f6a7/`,
    },
  ],
  [
    `${SWIFT}/5a/${SHA}/release/release-openstack-python/c0ffee1/zuul-info/inventory.yaml`,
    {
      kind: 'ref-log',
      newrev: SHA,
      pipeline: 'release',
      job: 'release-openstack-python',
      hash: 'c0ffee1',
      url: `${SWIFT}/5a/${SHA}/release/release-openstack-python/c0ffee1/`,
    },
  ],
  [
    // …or by its last two, as zuul-jobs' role first did
    `http://logs.openstack.org/67/${SHA}/tag/publish-openstack-python-branch-tarball/1234abc/`,
    {
      kind: 'ref-log',
      newrev: SHA,
      pipeline: 'tag',
      job: 'publish-openstack-python-branch-tarball',
      hash: '1234abc',
      url: `http://logs.openstack.org/67/${SHA}/tag/publish-openstack-python-branch-tarball/1234abc/`,
    },
  ],
];

/** Queries that name nothing, each with what the 400 must say was recognised and what to paste instead. */
const bad: [string, RegExp][] = [
  ['', /^"" is neither a change number nor a URL\. Paste a change number \(271726\)/],
  [
    'abc',
    /^"abc" is neither a change number nor a URL\. Paste a change number \(271726\), a change and patch set \(271726,2\), or a Gerrit change, Zuul build or CI log URL\.$/,
  ],
  ['0', /^"0" is not a change number or a change and patch set\. Write them as 271726, or 271726,2 \(or 271726\/2\)/],
  ['-5', /^"-5" is not a change number/],
  ['271726,', /^"271726," is not a change number or a change and patch set/],
  ['271726,0', /^"271726,0" is not a change number or a change and patch set\..*both count from 1\.$/],
  ['271726,2,3', /^"271726,2,3" is not a change number/],
  ['271726 2', /^"271726 2" is not a change number/],
  ['271726.5', /^"271726\.5" is not a change number/],
  ['99999999999', /^"99999999999" is not a change number/],
  [
    'I4f2d0d8e6c4b3a2f1e0d9c8b7a6f5e4d3c2b1a09',
    /^"I4f2d0d8e6c4b3a2f1e0d9c8b7a6f5e4d3c2b1a09" is a Gerrit Change-Id, which this service cannot look up\. Paste the change's number or its URL instead\.$/,
  ],
  [
    'https://review.opendev.org/',
    /^This Gerrit URL names no change\. Paste a change's URL \(https:\/\/review\.opendev\.org\/c\/<project>\/\+\/<number>\) or its number\.$/,
  ],
  ['https://review.opendev.org/q/status:open', /^This Gerrit URL names no change\./],
  ['https://review.opendev.org/c/openstack/nova/+/abc', /^This Gerrit URL names no change\./],
  ['https://review.opendev.org/#/q/status:open', /^This Gerrit URL names no change\./],
  [
    'https://review.example.com/c/openstack/nova/+/123456',
    /^review\.example\.com is not a Gerrit host this service accepts: it accepts review\.opendev\.org, review\.openstack\.org, set by GERRIT_HOSTS \(which replaces the default list\)\. Paste the change number \(123456\) instead\.$/,
  ],
  [
    'https://review.example.com/#/c/271726/2',
    /^review\.example\.com is not a Gerrit host .* Paste the change number \(271726\) instead\.$/,
  ],
  [
    'https://github.com/openstack/nova/pull/1',
    /^GitHub URLs cannot be looked up: this service reads OpenStack's Gerrit \(review\.opendev\.org\) and Zuul \(zuul\.opendev\.org\)\. Paste the Gerrit change's number or URL instead\.$/,
  ],
  [
    'ftp://logs.openstack.org/26/271726/2/gate/gate-stackviz-python27/937cf7b/',
    /^Only http\(s\) URLs can be looked up, and "ftp:\/\/logs\.openstack\.org\/26\/.*" is not one\. Paste the http\(s\) URL of a change, a Zuul build or a log folder\.$/,
  ],
  ['javascript:alert(1)', /^Only http\(s\) URLs can be looked up, and "javascript:alert\(1\)" is not one\./],
  [
    'http://logs.openstack.org/26/271726/2/gate/gate-stackviz-python27/',
    /^This log URL is not inside one build's log folder\. Paste a build's folder \(http:\/\/logs\.openstack\.org\/<NN>\/<change>\/<ps>\/<pipeline>\/<job>\/<hash>\/\) or any file in it\.$/,
  ],
  ['http://logs.openstack.org/27/271726/2/gate/gate-stackviz-python27/', /^This log URL is not inside one build's log folder\./],
  ['http://logs.openstack.org/26/271726/2/gate/gate-stackviz-python27/zzzzzzz/', /^This log URL is not inside one build's log folder\./],
  ['http://logs.openstack.org/', /^This log URL is not inside one build's log folder\./],
  [
    'https://zuul.opendev.org/t/openstack/builds?change=123456',
    /^This Zuul page is not a build or a buildset\. Paste the page of one build \(https:\/\/zuul\.opendev\.org\/t\/openstack\/build\/<uuid>\) or of its buildset\.$/,
  ],
  ['https://zuul.opendev.org/t/openstack/build/not-a-uuid', /^This Zuul page is not a build or a buildset\./],
  ['https://zuul.opendev.org/t/openstack/status', /^This Zuul page is not a build or a buildset\./],
  [
    `https://zuul.example.org/t/acme/build/${BUILD}`,
    /^zuul\.example\.org is not the Zuul this service reads \(ZUUL_URL: https:\/\/zuul\.opendev\.org\)\. Paste the change number, or the build's page on zuul\.opendev\.org\.$/,
  ],
  [
    'https://evil.example.com/456/123456/3/check/tempest-full-py3/5f0c1a2/',
    /^evil\.example\.com is not a log server this service fetches from \(ARTIFACT_HOSTS: logs\.openstack\.org, zuul\.opendev\.org, \*\.opendev\.org, \*\.rackcdn\.com, \*\.cloud\.ovh\.net\)\. Paste the change number \(123456\) instead, or a log URL on one of those hosts\.$/,
  ],
  [
    `https://logs.example.org/acme/${BUILD}/`,
    /^logs\.example\.org is not a log server this service fetches from .*\. Paste the build's Zuul page instead, or a log URL on one of those hosts\.$/,
  ],
  [
    'https://d1b2c3.ssl.cf5.rackcdn.com/some/other/path.txt',
    /^This log URL is not inside one build's log folder\. Paste a build's folder \(…\/<tenant>\/<build uuid>\/ or …\/<change>\/<ps>\/<pipeline>\/<job>\/<hash>\/\) or any file in it\.$/,
  ],
  // a ref path whose shard is neither end of the commit
  [
    `http://logs.openstack.org/99/${SHA}/post/publish-openstack-releasenotes-python3/4e5f6a7/`,
    /^This log URL is not inside one build's log folder\./,
  ],
  // a periodic path without the canonical host name
  [
    'http://logs.openstack.org/periodic/openstack/nova/master/openstack-tox-py35/3d4e5f6/',
    /^This log URL is not inside one build's log folder\./,
  ],
  [
    'https://example.com/about',
    /^example\.com is none of the hosts this service reads: Gerrit \(review\.opendev\.org, review\.openstack\.org\), Zuul \(zuul\.opendev\.org\) and the log servers in ARTIFACT_HOSTS \(.*\)\. Paste a change number, or a change, build or log URL on one of those\.$/,
  ],
  ['http://%zz', /^Only http\(s\) URLs can be looked up, and "http:\/\/%zz" is not one\./],
];

/** Sentences, counted by their ends: a full stop, question or exclamation mark before a space or the end. */
const sentences = (text: string) => text.split(/(?<=[.!?])(?:\s+|$)/).filter(Boolean).length;

describe('parseQuery', () => {
  it.each(good)('recognises %s', (q, expected) => {
    expect(parseQuery(q, production)).toEqual(expected);
  });

  it('accepts a number turned string and %-escapes in a project name', () => {
    expect(parseQuery(String(271726), production)).toEqual({ kind: 'change', change: 271726, patchSet: null });
    expect(parseQuery('https://review.opendev.org/c/openstack%2Fnova/+/123456/2', production)).toEqual({
      kind: 'change',
      change: 123456,
      patchSet: 2,
    });
  });

  it.each(bad)('rejects %j with a 400 of at most two sentences: what was recognised, what to paste instead', (q, message) => {
    let error: unknown;
    try {
      parseQuery(q, production);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadRequestException);
    const text = (error as BadRequestException).message;
    expect(text).toMatch(message);
    expect(sentences(text)).toBeLessThanOrEqual(2);
  });

  it("names the Gerrit hosts GERRIT_HOSTS set (GERRIT_URL's host is always accepted) when it refuses another", () => {
    const replaced = loadConfig({ GERRIT_URL: 'https://review.example.org', GERRIT_HOSTS: 'gerrit.example.org' }, []);
    expect(parseQuery('https://gerrit.example.org/c/nova/+/5/2', replaced)).toEqual({ kind: 'change', change: 5, patchSet: 2 });
    expect(() => parseQuery('https://review.openstack.org/#/c/271726/', replaced)).toThrow(
      'review.openstack.org is not a Gerrit host this service accepts: it accepts review.example.org, gerrit.example.org, ' +
        'set by GERRIT_HOSTS (which replaces the default list). Paste the change number (271726) instead.',
    );
  });

  it('has a table of at least 40 real-shaped inputs', () => {
    expect(good.length + bad.length).toBeGreaterThanOrEqual(40);
  });

  describe('with every upstream on one host, told apart by port', () => {
    it.each([
      ['http://127.0.0.1:8001/c/openstack/nova/+/123456/3', { kind: 'change', change: 123456, patchSet: 3 }],
      ['http://127.0.0.1:8001/#/c/271726/2', { kind: 'change', change: 271726, patchSet: 2 }],
      [`http://127.0.0.1:8002/t/openstack/build/${BUILD}`, { kind: 'zuul-build', tenant: 'openstack', uuid: BUILD }],
      [
        'http://127.0.0.1:8003/26/271726/2/check/gate-stackviz-pep8/7c374a7/',
        {
          kind: 'legacy-log',
          change: 271726,
          patchSet: 2,
          pipeline: 'check',
          job: 'gate-stackviz-pep8',
          url: 'http://127.0.0.1:8003/26/271726/2/check/gate-stackviz-pep8/7c374a7/',
        },
      ],
      [
        'http://127.0.0.1:8004/456/123456/3/check/tempest-full-py3/5f0c1a2/',
        {
          kind: 'modern-log',
          change: 123456,
          patchSet: 3,
          pipeline: 'check',
          job: 'tempest-full-py3',
          hash: '5f0c1a2',
          url: 'http://127.0.0.1:8004/456/123456/3/check/tempest-full-py3/5f0c1a2/',
        },
      ],
    ] as [string, JobQuery][])('classifies %s by its port', (q, expected) => {
      expect(parseQuery(q, local)).toEqual(expected);
    });

    it('rejects a port that belongs to no upstream, naming the log hosts it fetches from', () => {
      expect(() => parseQuery('http://127.0.0.1:8009/456/123456/3/check/tempest-full-py3/5f0c1a2/', local)).toThrow(
        '127.0.0.1:8009 is not a log server this service fetches from (ARTIFACT_HOSTS: 127.0.0.1:8003, 127.0.0.1:8004). ' +
          'Paste the change number (123456) instead, or a log URL on one of those hosts.',
      );
    });
  });
});
