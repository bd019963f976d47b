import { probePaths, resolve, selectArtifacts } from '../../../src/scrape/discovery/artifact-rules';

const BASE = 'https://logs.example.org/95/123456/3/check/tempest-full-py3/5f0c1a2/';
const pick = (files: string[]) => Object.fromEntries(selectArtifacts(BASE, files).map((a) => [a.role, a.url.slice(BASE.length)]));

describe('selectArtifacts', () => {
  it('picks one artifact per role from a modern devstack tree', () => {
    expect(
      selectArtifacts(BASE, [
        'job-output.txt',
        'job-output.json',
        'testrepository.subunit',
        'controller/logs/dstat-csv_log.txt',
        'controller/logs/stackviz/index.html',
        'controller/logs/stackviz/data/config.json',
        'controller/logs/tempest_log.txt',
        'zuul-info/inventory.yaml',
      ]),
    ).toEqual([
      { role: 'subunit', url: BASE + 'testrepository.subunit', name: 'testrepository.subunit' },
      { role: 'dstat', url: BASE + 'controller/logs/dstat-csv_log.txt', name: 'dstat-csv_log.txt' },
      { role: 'console', url: BASE + 'job-output.txt', name: 'job-output.txt' },
      { role: 'stackviz', url: BASE + 'controller/logs/stackviz/data/config.json', name: 'stackviz' },
    ]);
  });

  it("picks today's devstack reports: performance.json, the memory tracker's journal, a JUnit report", () => {
    expect(
      selectArtifacts(BASE, [
        'job-output.txt',
        'controller/logs/performance.json',
        'controller/logs/screen-memory_tracker.txt',
        'controller/logs/screen-n-api.txt',
        'compute1/logs/performance.json',
        'test-results.xml',
      ]),
    ).toEqual([
      { role: 'junit', url: BASE + 'test-results.xml', name: 'test-results.xml' },
      { role: 'console', url: BASE + 'job-output.txt', name: 'job-output.txt' },
      { role: 'performance', url: BASE + 'controller/logs/performance.json', name: 'performance.json' },
      { role: 'memory-tracker', url: BASE + 'controller/logs/screen-memory_tracker.txt', name: 'screen-memory_tracker.txt' },
    ]);
    expect(pick(['logs/performance.json.gz', 'logs/screen-memory_tracker.txt.gz'])).toEqual({
      performance: 'logs/performance.json.gz',
      'memory-tracker': 'logs/screen-memory_tracker.txt.gz',
    });
  });

  it('ranks JUnit reports: the usual names first, then junit/xunit/test-results/TEST- names, shallowest first', () => {
    expect(pick(['tox/py3/junit-py3.xml', 'logs/nosetests.xml'])).toEqual({ junit: 'logs/nosetests.xml' });
    expect(pick(['tox/py3/junit-py3.xml', 'controller/logs/reports/TEST-org.example.AppTest.xml'])).toEqual({
      junit: 'tox/py3/junit-py3.xml',
    });
    expect(pick(['junit/python3.9-units.xml'])).toEqual({}); // the folder's name does not count, only the file's
    expect(pick(['ansible/tests/output/junit/units-xunit.xml'])).toEqual({ junit: 'ansible/tests/output/junit/units-xunit.xml' });
    expect(pick(['logs/test-results.xml.gz', 'pytest-results.xml'])).toEqual({ junit: 'logs/test-results.xml.gz' });
    // a subunit stream does not hide a JUnit report: the runner decides which it reads
    expect(pick(['testrepository.subunit', 'junit.xml'])).toEqual({ subunit: 'testrepository.subunit', junit: 'junit.xml' });
  });

  it('names gzipped files without .gz and prefers the newer names', () => {
    expect(
      selectArtifacts(BASE, ['console.html.gz', 'logs/testrepository.subunit.gz', 'logs/dstat-csv.txt.gz', 'logs/dstat-csv_log.txt.gz']),
    ).toEqual([
      { role: 'subunit', url: BASE + 'logs/testrepository.subunit.gz', name: 'testrepository.subunit' },
      { role: 'dstat', url: BASE + 'logs/dstat-csv_log.txt.gz', name: 'dstat-csv_log.txt' },
      { role: 'console', url: BASE + 'console.html.gz', name: 'console.html' },
    ]);
    expect(pick(['console.html', 'job-output.txt.gz'])).toEqual({ console: 'job-output.txt.gz' });
    expect(pick(['logs/dstat-csv.txt'])).toEqual({ dstat: 'logs/dstat-csv.txt' });
  });

  it('prefers testrepository.subunit, then the root, logs/, controller/logs/, then any folder', () => {
    expect(pick(['controller/logs/testrepository.subunit', 'logs/testrepository.subunit.gz'])).toEqual({
      subunit: 'logs/testrepository.subunit.gz',
    });
    expect(pick(['tempest.subunit', 'controller/logs/testrepository.subunit'])).toEqual({
      subunit: 'controller/logs/testrepository.subunit',
    });
    expect(pick(['compute1/logs/testrepository.subunit', 'primary/testrepository.subunit'])).toEqual({
      subunit: 'primary/testrepository.subunit',
    });
    expect(pick(['testrepository.subunit.gz', 'testrepository.subunit'])).toEqual({ subunit: 'testrepository.subunit' });
    expect(pick(['logs/tempest-results.subunit.gz'])).toEqual({ subunit: 'logs/tempest-results.subunit.gz' });
  });

  it('ignores look-alikes in the wrong places', () => {
    expect(
      pick([
        'logs/job-output.txt',
        'controller/console.html',
        'dstat-csv_log.txt',
        'logs/old/dstat-csv_log.txt',
        'testrepository.subunit.txt',
        'logs/stackviz/index.html',
        'stackviz/data/config.json',
        'performance.json',
        'controller/logs/test-requirements.xml',
        'controller/logs/screen-memory_tracker.txt.1',
      ]),
    ).toEqual({});
  });

  it('finds a StackViz site by its config, gzipped or not, logs/ before controller/logs/', () => {
    expect(pick(['controller/logs/stackviz/data/config.json', 'logs/stackviz/data/config.json.gz'])).toEqual({
      stackviz: 'logs/stackviz/data/config.json.gz',
    });
    expect(pick(['controller/logs/stackviz/config.json'])).toEqual({ stackviz: 'controller/logs/stackviz/config.json' });
  });

  it('percent-encodes names in URLs', () => {
    expect(pick(['logs/tempest run.subunit'])).toEqual({ subunit: 'logs/tempest%20run.subunit' });
  });
});

describe('probePaths', () => {
  it('lists the well-known places best first', () => {
    expect(probePaths('subunit')).toEqual([
      'testrepository.subunit',
      'testrepository.subunit.gz',
      'logs/testrepository.subunit',
      'logs/testrepository.subunit.gz',
      'controller/logs/testrepository.subunit',
      'controller/logs/testrepository.subunit.gz',
    ]);
    expect(probePaths('console')).toEqual(['job-output.txt', 'job-output.txt.gz', 'console.html', 'console.html.gz']);
    expect(probePaths('dstat')[0]).toBe('logs/dstat-csv_log.txt');
    expect(probePaths('stackviz')).toContain('controller/logs/stackviz/data/config.json');
    expect(probePaths('performance')).toEqual([
      'controller/logs/performance.json',
      'controller/logs/performance.json.gz',
      'logs/performance.json',
      'logs/performance.json.gz',
    ]);
    expect(probePaths('memory-tracker')[0]).toBe('controller/logs/screen-memory_tracker.txt');
    expect(probePaths('junit').slice(0, 3)).toEqual(['test-results.xml', 'test-results.xml.gz', 'logs/test-results.xml']);
  });
});

describe('resolve: a path from a manifest or listing, kept inside the build folder', () => {
  it.each([
    ['job-output.txt', BASE + 'job-output.txt'],
    ['controller/logs/', BASE + 'controller/logs/'],
    ['logs/a file?#%.txt', BASE + 'logs/a%20file%3F%23%25.txt'],
    ['https:/evil.example.org/x', BASE + 'https%3A/evil.example.org/x'],
    ['%2e%2e/x', BASE + '%252e%252e/x'],
  ])('%s → %s', (path, url) => {
    expect(resolve(BASE, path)).toBe(url);
  });

  it.each(['..', '../x', 'logs/../../x', './x', '/etc/passwd', 'logs//x', 'a\\b', ''])('refuses %j', (path) => {
    expect(() => resolve(BASE, path)).toThrow(`"${path}" is not a path inside the build's log folder`);
  });

  it('selectArtifacts ignores listed paths that would leave the folder', () => {
    expect(selectArtifacts(BASE, ['../testrepository.subunit', 'logs/../../job-output.txt', '/console.html'])).toEqual([]);
  });
});
