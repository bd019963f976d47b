import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SCRIPT = join(__dirname, '../../../scripts/build-if-changed.js');

/** A stand-in build: writes what `npm start` needs and counts its runs. */
const FAKE_BUILD = `
const fs = require('node:fs');
fs.mkdirSync('dist/src', { recursive: true });
fs.mkdirSync('dist/web', { recursive: true });
for (const f of ['dist/main.js', 'dist/src/main.js', 'dist/web/index.html']) fs.writeFileSync(f, '');
fs.appendFileSync('builds.log', 'built\\n');
`;

describe('scripts/build-if-changed.js (npm start builds only when its inputs changed)', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const builds = () => (existsSync(join(root, 'builds.log')) ? readFileSync(join(root, 'builds.log'), 'utf8').split('\n').length - 1 : 0);
  const start = () => execFileSync('node', [SCRIPT, 'node', 'fake-build.js'], { cwd: root, encoding: 'utf8' });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-if-changed-'));
    write('fake-build.js', FAKE_BUILD);
    write('src/main.ts', 'bootstrap();\n');
    write('web/src/app.tsx', 'export const App = () => null;\n');
    write('docs/api.md', '# API\n');
    write('package.json', '{"name": "x"}\n');
    write('package-lock.json', '{}\n');
    write('tsconfig.json', '{}\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds on the first start, not on a start with nothing changed, even with newer modification times', () => {
    expect(start()).toMatch(/no build recorded yet, building/);
    expect(builds()).toBe(1);
    expect(start()).toMatch(/nothing changed since the last build/);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src/main.ts'), later, later);
    start();
    expect(builds()).toBe(1);
  });

  it.each([
    ['a source file edited', () => write('src/main.ts', 'bootstrap(); // edited\n')],
    ['a source file added', () => write('src/new.ts', 'export {};\n')],
    ['a UI file edited', () => write('web/src/app.tsx', 'export const App = () => 1;\n')],
    ['the API doc the UI embeds edited', () => write('docs/api.md', '# API, edited\n')],
    ['the lockfile changed', () => write('package-lock.json', '{"lockfileVersion": 3}\n')],
    ['package.json changed', () => write('package.json', '{"name": "y"}\n')],
    ['a tsconfig changed', () => write('tsconfig.json', '{"compilerOptions": {}}\n')],
    ['a build config appeared', () => write('nest-cli.json', '{}\n')],
    ['a source file removed', () => unlinkSync(join(root, 'web/src/app.tsx'))],
    ['the output deleted', () => rmSync(join(root, 'dist/web'), { recursive: true })],
  ])('builds again after %s, then not again', (_, change) => {
    start();
    change();
    expect(start()).toMatch(/building/);
    expect(builds()).toBe(2);
    start();
    expect(builds()).toBe(2);
  });

  it('records nothing when the build fails, so the next start builds again', () => {
    write('fake-build.js', "require('node:fs').appendFileSync('builds.log', 'failed\\n'); process.exit(3);");
    expect(() => start()).toThrow(expect.objectContaining({ status: 3 }));
    write('fake-build.js', FAKE_BUILD);
    start();
    expect(builds()).toBe(2);
  });
});
