#!/usr/bin/env node
// `npm start` runs this first: it runs the build command given as arguments (e.g. `npm run build`)
// only when the build's inputs differ from those of the last build it ran, or the output is missing,
// so a start with nothing changed reaches /health in a few seconds instead of rebuilding for 30.
// Inputs are compared by content (a SHA-256 over their paths and bytes, kept in dist/), not by
// modification time, so a checkout or `touch` that changes nothing does not rebuild.
// Run it from the project root (npm does).
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** Everything the server and UI builds read: sources, the API doc the UI embeds, dependencies, configs. */
const INPUTS = [
  'src',
  'web',
  'ormconfig.ts',
  'docs/api.md',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'scripts/write-dist-entry.js',
  'scripts/build-if-changed.js',
];
/** What `npm start` needs from a build; a build with any of these missing is redone. */
const OUTPUTS = ['dist/main.js', 'dist/src/main.js', 'dist/web/index.html'];
const STAMP = 'dist/.build-inputs.sha256';

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

function inputsHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/build-if-changed.js <build command…>');
  process.exit(2);
}
const hash = inputsHash();
const stamped = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : null;
if (stamped === hash && OUTPUTS.every((f) => existsSync(f))) {
  console.log('build-if-changed: nothing changed since the last build, starting without building');
  process.exit(0);
}
console.log(`build-if-changed: ${stamped ? 'sources changed since the last build' : 'no build recorded yet'}, building`);
const build = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
// The hash taken before building: a file edited while the build ran makes the next start build again.
mkdirSync('dist', { recursive: true });
writeFileSync(STAMP, `${hash}\n`);
