// Runs TypeScript directly: `node -r ./scripts/register-ts.js some.ts`. Each .ts module is
// transpiled to CommonJS as it is loaded, without a type check (npm run typecheck does that). Used
// by scripts that drive the built service from outside and reuse the test fakes (npm run load).
const { readFileSync } = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
  });
  module._compile(outputText, filename);
};
