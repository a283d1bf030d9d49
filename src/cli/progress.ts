import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.js';

/** A progress bar on stderr when a person is watching; silent otherwise (pipes, CI, tests). */
export function progressReporter(io: CliIo, label: string): { update: (done: number, total: number) => void; stop: () => void } {
  if (!io.interactive) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
