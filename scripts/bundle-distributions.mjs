// @stdlib publishes each distribution function as hundreds of small CommonJS files; loading the
// six the statistics use takes Node about 450 file resolutions at every start of `canvass`. This
// bundles the compiled src/analysis/distributions/distributions.js, with everything it imports,
// into that one file (rolldown, the bundler Vite uses). An output folder may be given (the bench
// compiles src into dist/bench-build/src); default dist.
import { renameSync, rmSync } from 'node:fs';
import process from 'node:process';
import { build } from 'rolldown';

const out = process.argv[2] ?? 'dist';
const file = `${out}/analysis/distributions/distributions.js`;
const bundled = `${file}.bundled`;

await build({
  input: file,
  platform: 'node',
  logLevel: 'warn',
  // Minified: it is @stdlib's code, read by Node at every start, not by people.
  output: { file: bundled, format: 'esm', sourcemap: false, minify: true },
});
renameSync(bundled, file);
// tsc's map was of the module before bundling.
rmSync(`${file}.map`, { force: true });
