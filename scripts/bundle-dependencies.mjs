// Start-up time: a `canvass` process resolved and compiled about 800 small module files before it
// did any work, most of them from three dependencies published as hundreds of files each:
// @stdlib's distributions (about 450 CommonJS files), Kysely (about 260) and Zod (about 95). This
// bundles each, with rolldown (the bundler Vite uses), into one minified file in the build:
//   - analysis/distributions/distributions.js, the module every statistic imports @stdlib through,
//     replaced by itself bundled;
//   - vendor/kysely.js and vendor/zod.js, each the whole package, and every compiled module's
//     `from 'kysely'` / `from 'zod'` pointed at them (one copy of each in a process, as before).
// Tests run the sources against the packages as they are. An output folder may be given (the
// bench compiles src into dist/bench-build/src, beside its own bench/); default dist.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { build } from 'rolldown';

const out = process.argv[2] ?? 'dist';
const vendored = ['kysely', 'zod'];

async function bundle(input, file) {
  const bundled = `${file}.bundled`;
  // Minified: it is the dependencies' code, read by Node at every start, not by people.
  await build({ input, platform: 'node', logLevel: 'warn', output: { file: bundled, format: 'esm', sourcemap: false, minify: true } });
  renameSync(bundled, file);
}

const distributions = join(out, 'analysis/distributions/distributions.js');
await bundle(distributions, distributions);
// tsc's map was of the module before bundling.
rmSync(`${distributions}.map`, { force: true });

mkdirSync(join(out, 'vendor'), { recursive: true });
for (const name of vendored) {
  const entry = join(out, 'vendor', `${name}.entry.js`);
  writeFileSync(entry, `export * from '${name}';\n`);
  await bundle(entry, join(out, 'vendor', `${name}.js`));
  rmSync(entry);
}

// The compiled modules of the build folder and of the folder beside it that holds other compiled
// code importing it (the bench's own), if any.
const roots = [out, ...(out.endsWith('/src') ? [join(dirname(out), 'bench')] : [])];
const specifier = new RegExp(`(from\\s*|import\\(\\s*)(['"])(${vendored.join('|')})\\2`, 'g');
for (const root of roots) {
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch {
    continue;
  }
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    if (file.startsWith(join(out, 'vendor'))) continue;
    const text = readFileSync(file, 'utf8');
    const pointed = text.replace(specifier, (_all, lead, quote, name) => {
      let path = relative(dirname(file), join(out, 'vendor', `${name}.js`));
      if (!path.startsWith('.')) path = `./${path}`;
      return `${lead}${quote}${path}${quote}`;
    });
    if (pointed !== text) writeFileSync(file, pointed);
  }
}
