import { isAutoindex, parseAutoindex } from '../../../src/scrape/discovery/autoindex';
import { isSwiftIndex, parseSwiftIndex } from '../../../src/scrape/discovery/swift-index';
import { ManifestRefused, MAX_MANIFEST_DEPTH, MAX_MANIFEST_ENTRIES, parseZuulManifest } from '../../../src/scrape/discovery/zuul-manifest';

// Apache 2.4, FancyIndexing + HTMLTable (logs.openstack.org after 2014).
const APACHE_24 = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html>
 <head>
  <title>Index of /26/271726/2/check/gate-tempest-dsvm-full/abc1234/logs</title>
 </head>
 <body>
<h1>Index of /26/271726/2/check/gate-tempest-dsvm-full/abc1234/logs</h1>
  <table>
   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>
   <tr><th colspan="5"><hr></th></tr>
<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/26/271726/2/check/gate-tempest-dsvm-full/abc1234/">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/unknown.gif" alt="[   ]"></td><td><a href="dstat-csv_log.txt.gz">dstat-csv_log.txt.gz</a></td><td align="right">2016-02-09 02:39  </td><td align="right">175K</td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/folder.gif" alt="[DIR]"></td><td><a href="etc/">etc/</a></td><td align="right">2016-02-09 02:39  </td><td align="right">  - </td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/text.gif" alt="[TXT]"></td><td><a href="screen-n-api.txt.gz">screen-n-api.txt.gz</a></td><td align="right">2016-02-09 02:39  </td><td align="right">2.1M</td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/unknown.gif" alt="[   ]"></td><td><a href="tempest%20run%20%2B%20extras.subunit.gz">tempest run + extras.subunit.gz</a></td><td align="right">2016-02-09 02:39  </td><td align="right">1.1M</td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/unknown.gif" alt="[   ]"></td><td><a href="testrepository.subunit.gz">testrepository.subunit.gz</a></td><td align="right">2016-02-09 02:39  </td><td align="right">1.1M</td><td>&nbsp;</td></tr>
<tr><td valign="top"><img src="/icons/text.gif" alt="[TXT]"></td><td><a href="a-very-long-log-file-name-that-apache-cuts-short.txt.gz">a-very-long-log-file-name-that-apache-cuts-..&gt;</a></td><td align="right">2016-02-09 02:39  </td><td align="right"> 12K</td><td>&nbsp;</td></tr>
   <tr><th colspan="5"><hr></th></tr>
</table>
<address>Apache/2.4.7 (Ubuntu) Server at logs.openstack.org Port 80</address>
</body></html>`;

// Apache 2.2, FancyIndexing in a <pre> (logs.openstack.org before 2014): the parent row is a [DIR].
const APACHE_22 = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html>
 <head>
  <title>Index of /43/65443/3/check/gate-nova-python27/9a2b3c4</title>
 </head>
 <body>
<h1>Index of /43/65443/3/check/gate-nova-python27/9a2b3c4</h1>
<pre><img src="/icons/blank.gif" alt="Icon "> <a href="?C=N;O=D">Name</a>                      <a href="?C=M;O=A">Last modified</a>      <a href="?C=S;O=A">Size</a>  <a href="?C=D;O=A">Description</a><hr><img src="/icons/back.gif" alt="[DIR]"> <a href="/43/65443/3/check/gate-nova-python27/">Parent Directory</a>                               -
<img src="/icons/unknown.gif" alt="[   ]"> <a href="console.html">console.html</a>              18-Feb-2014 11:02  4.5M
<img src="/icons/folder.gif" alt="[DIR]"> <a href="logs/">logs/</a>                     18-Feb-2014 11:02    -
<img src="/icons/unknown.gif" alt="[   ]"> <a href="subunit_log.txt.gz">subunit_log.txt.gz</a>        18-Feb-2014 11:02  1.2M
<img src="/icons/unknown.gif" alt="[   ]"> <a href="testrepository.subunit.gz">testrepository.subunit.gz</a> 18-Feb-2014 11:02  1.0M
<hr></pre>
<address>Apache/2.2.22 (Ubuntu) Server at logs.openstack.org Port 80</address>
</body></html>`;

// zuul-jobs' generated Swift index (upload-logs-swift), a sub folder: a parent link and folders.
const icon = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABQAAAAWCAMAAAD3n0w0AAAAElBMVEX/';
const SWIFT_ROW = (mimetype: string, href: string, label: string, size: string) =>
  `<tr><td><img alt="[ ]" title="${mimetype}" src="${icon}"></img></td><td><a href="${href}">${label}</a></td><td>Tue Feb 13 23:39:20 2024</td><td style="text-align: right">${size}</td></tr>\n`;
const swiftIndex = (indexLinks: boolean) =>
  '<html><head><title>Index of controller</title></head><body>\n<h1>Index of controller</h1>\n' +
  '<table><tr><th></th><th>Name</th><th>Last Modified</th><th>Size</th></tr>' +
  SWIFT_ROW('application/directory', indexLinks ? '../index.html' : '../', '../', '0.0') +
  SWIFT_ROW('application/directory', indexLinks ? 'logs/index.html' : 'logs/', 'logs/', '4.0K') +
  SWIFT_ROW('application/directory', indexLinks ? 'zuul-info/index.html' : 'zuul-info/', 'zuul-info/', '4.0K') +
  SWIFT_ROW('text/plain', 'dstat-csv_log.txt', 'dstat-csv_log.txt', '1.2M') +
  SWIFT_ROW('application/gzip', 'ara-report.tar.gz', 'ara-report.tar.gz', '12.1K') +
  '</table></body></html>\n';

describe('Apache autoindex listings', () => {
  it('reads Apache 2.4 tables: files, [DIR] folders, encoded and cut-short names, no parent or sort links', () => {
    expect(isAutoindex(APACHE_24)).toBe(true);
    expect(isSwiftIndex(APACHE_24)).toBe(false);
    expect(parseAutoindex(APACHE_24)).toEqual([
      { name: 'dstat-csv_log.txt.gz', isDir: false, href: 'dstat-csv_log.txt.gz' },
      { name: 'etc', isDir: true, href: 'etc/' },
      { name: 'screen-n-api.txt.gz', isDir: false, href: 'screen-n-api.txt.gz' },
      { name: 'tempest run + extras.subunit.gz', isDir: false, href: 'tempest%20run%20%2B%20extras.subunit.gz' },
      { name: 'testrepository.subunit.gz', isDir: false, href: 'testrepository.subunit.gz' },
      {
        name: 'a-very-long-log-file-name-that-apache-cuts-short.txt.gz',
        isDir: false,
        href: 'a-very-long-log-file-name-that-apache-cuts-short.txt.gz',
      },
    ]);
  });

  it('reads Apache 2.2 <pre> listings, whose parent row is a [DIR] with an absolute link', () => {
    expect(isAutoindex(APACHE_22)).toBe(true);
    expect(parseAutoindex(APACHE_22).map((e) => [e.name, e.isDir])).toEqual([
      ['console.html', false],
      ['logs', true],
      ['subunit_log.txt.gz', false],
      ['testrepository.subunit.gz', false],
    ]);
  });

  it('does not take a Swift index or an ordinary page for an autoindex', () => {
    expect(isAutoindex(swiftIndex(false))).toBe(false);
    expect(isAutoindex('<html><body><h1>Not Found</h1></body></html>')).toBe(false);
  });
});

describe('Swift index.html listings', () => {
  it.each([false, true])('reads folders and files, skipping the parent link (index links: %s)', (indexLinks) => {
    const html = swiftIndex(indexLinks);
    expect(isSwiftIndex(html)).toBe(true);
    expect(isAutoindex(html)).toBe(false);
    expect(parseSwiftIndex(html).map((e) => [e.name, e.isDir, e.href])).toEqual([
      ['logs', true, indexLinks ? 'logs/index.html' : 'logs/'],
      ['zuul-info', true, indexLinks ? 'zuul-info/index.html' : 'zuul-info/'],
      ['dstat-csv_log.txt', false, 'dstat-csv_log.txt'],
      ['ara-report.tar.gz', false, 'ara-report.tar.gz'],
    ]);
  });

  it('is not fooled by a page without listing icons', () => {
    expect(isSwiftIndex('<html><body><a href="x">x</a></body></html>')).toBe(false);
  });
});

describe('zuul-manifest.json', () => {
  const manifest = {
    tree: [
      {
        name: 'controller',
        mimetype: 'application/directory',
        encoding: null,
        last_modified: 1707867560,
        size: 4096,
        children: [
          {
            name: 'logs',
            mimetype: 'application/directory',
            encoding: null,
            children: [
              { name: 'dstat-csv_log.txt', mimetype: 'text/plain', encoding: null, last_modified: 1707867560, size: 1184231 },
              { name: 'empty-folder', mimetype: 'application/directory', encoding: null, children: [] },
              { name: 'syslog.txt.gz', mimetype: 'text/plain', encoding: 'gzip', size: 1023 },
            ],
          },
        ],
      },
      { name: 'job-output.txt', mimetype: 'text/plain', encoding: null, last_modified: 1707867560, size: 5123456 },
      { name: 'testrepository.subunit', mimetype: 'application/octet-stream', encoding: null, size: 1534511 },
      {
        name: 'zuul-info',
        mimetype: 'application/directory',
        encoding: null,
        children: [{ name: 'inventory.yaml', mimetype: 'text/plain' }],
      },
    ],
    index_links: false,
  };

  it('lists every file by its path, folders walked through their children', () => {
    expect(parseZuulManifest(JSON.stringify(manifest))).toEqual([
      'controller/logs/dstat-csv_log.txt',
      'controller/logs/syslog.txt.gz',
      'job-output.txt',
      'testrepository.subunit',
      'zuul-info/inventory.yaml',
    ]);
  });

  it('rejects documents that are not manifests', () => {
    expect(() => parseZuulManifest('<html>')).toThrow(SyntaxError);
    expect(() => parseZuulManifest('{"files": []}')).toThrow(/no "tree" array/);
  });

  it('skips names that are not one plain path segment, so no path leaves the build folder', () => {
    const file = (name: unknown) => ({ name, mimetype: 'text/plain' });
    const text = JSON.stringify({
      tree: [
        file('..'),
        file('.'),
        file(''),
        file('../../etc/passwd'),
        file('/etc/passwd'),
        file('https://evil.example.org/x'),
        file('a\\..\\b'),
        file('nul\u0000byte'),
        file(42),
        null,
        'job-output.txt',
        { name: '..', mimetype: 'application/directory', children: [file('escaped.txt')] },
        { name: 'logs', mimetype: 'application/directory', children: [file('../up.txt'), file('ok.txt')] },
        file('job-output.txt'),
      ],
    });
    expect(parseZuulManifest(text)).toEqual(['logs/ok.txt', 'job-output.txt']);
  });

  it('refuses manifests over MAX_MANIFEST_ENTRIES entries or MAX_MANIFEST_DEPTH levels, without recursing', () => {
    const flat = (n: number) => JSON.stringify({ tree: Array.from({ length: n }, (_, i) => ({ name: `f${i}` })) });
    expect(parseZuulManifest(flat(MAX_MANIFEST_ENTRIES))).toHaveLength(MAX_MANIFEST_ENTRIES);
    expect(() => parseZuulManifest(flat(MAX_MANIFEST_ENTRIES + 1))).toThrow(
      new ManifestRefused(`zuul-manifest.json lists more than ${MAX_MANIFEST_ENTRIES} entries`),
    );
    // Written out as text: JSON.stringify itself would recurse too deep for the largest one.
    const nested = (depth: number) =>
      `{"tree":[${'{"name":"d","mimetype":"application/directory","children":['.repeat(depth)}{"name":"job-output.txt"}${']}'.repeat(depth)}]}`;
    expect(parseZuulManifest(nested(MAX_MANIFEST_DEPTH - 1))).toHaveLength(1);
    expect(() => parseZuulManifest(nested(MAX_MANIFEST_DEPTH))).toThrow(
      `zuul-manifest.json nests folders more than ${MAX_MANIFEST_DEPTH} deep`,
    );
    expect(() => parseZuulManifest(nested(100_000))).toThrow(ManifestRefused);
  });
});
