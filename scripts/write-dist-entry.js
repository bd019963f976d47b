// The build compiles src/ and ormconfig.ts under one root, so the server lands in
// dist/src/main.js; this one-line entry keeps the documented `node dist/main` working.
require('node:fs').writeFileSync(require('node:path').join(__dirname, '..', 'dist', 'main.js'), "require('./src/main');\n");
