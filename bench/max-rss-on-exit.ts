import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Preloaded into a timed child process (`node --import …/max-rss-on-exit.js`): on exit it writes
 * the process's peak resident set size, in bytes, to the file named by BENCH_MAX_RSS_FILE, so the
 * bench can report what a fresh `canvass` process took without changing the command. On Linux it
 * is VmHWM, which starts afresh at exec; `resourceUsage().maxRSS` would count the bench process
 * the child was forked from.
 */
const file = process.env.BENCH_MAX_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(peakBytes())));

function peakBytes(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // Not Linux: fall back to what the process says.
  }
  return process.resourceUsage().maxRSS * 1024;
}
