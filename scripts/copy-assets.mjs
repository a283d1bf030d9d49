// tsc compiles only TypeScript; the built-in surveys' definition and register files go beside it.
import { cpSync } from 'node:fs';

cpSync('src/surveys', 'dist/surveys', {
  recursive: true,
  filter: (source) => !/\.ts$/.test(source),
});
