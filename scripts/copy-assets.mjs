// tsc compiles only TypeScript; the built-in surveys' definition and register files, and the web
// layer's templates, stylesheet and browser script, and the report templates, go beside the compiled code.
// An output folder may be given (the bench compiles src into dist/bench-build/src); default dist.
import { cpSync } from 'node:fs';
import process from 'node:process';

const out = process.argv[2] ?? 'dist';

const notTypeScript = (source) => !/\.ts$/.test(source);

cpSync('src/surveys', `${out}/surveys`, { recursive: true, filter: notTypeScript });
cpSync('src/web/views', `${out}/web/views`, { recursive: true });
cpSync('src/web/assets', `${out}/web/assets`, { recursive: true });
cpSync('src/reporting/views', `${out}/reporting/views`, { recursive: true });
