// tsc compiles only TypeScript; the built-in surveys' definition and register files, and the web
// layer's templates, stylesheet and browser script, and the report templates, go beside the compiled code.
import { cpSync } from 'node:fs';

const notTypeScript = (source) => !/\.ts$/.test(source);

cpSync('src/surveys', 'dist/surveys', { recursive: true, filter: notTypeScript });
cpSync('src/web/views', 'dist/web/views', { recursive: true });
cpSync('src/web/assets', 'dist/web/assets', { recursive: true });
cpSync('src/reporting/views', 'dist/reporting/views', { recursive: true });
