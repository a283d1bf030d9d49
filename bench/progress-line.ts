/**
 * A one-line progress report on stderr for the long steps, rewritten in place on a terminal
 * and printed every 20% otherwise (so a log file stays short).
 */
export function progressLine(label: string): { update(done: number, total: number): void; done(detail: string): void } {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let lastShown = -1;
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  return {
    update(done, total) {
      const percent = total === 0 ? 100 : Math.floor((100 * done) / total);
      if (tty) process.stderr.write(`\r${label}: ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')} (${percent}%) ${elapsed()}   `);
      else if (Math.floor(percent / 20) > lastShown) {
        lastShown = Math.floor(percent / 20);
        process.stderr.write(`${label}: ${percent}% ${elapsed()}\n`);
      }
    },
    done(detail) {
      process.stderr.write(`${tty ? '\r' : ''}${label}: ${detail} in ${elapsed()}${tty ? '            ' : ''}\n`);
    },
  };
}

/** One line on stderr saying what the bench is doing now. */
export function step(message: string): void {
  process.stderr.write(`… ${message}\n`);
}
