import { writeFileSync } from 'node:fs';

/**
 * Preloaded into a timed child process (`node --import …/max-rss-on-exit.js`): on exit it writes
 * the process's peak resident set size, in bytes, to the file named by BENCH_MAX_RSS_FILE, so the
 * bench can report what a fresh `canvass` process took without changing the command.
 */
const file = process.env.BENCH_MAX_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
