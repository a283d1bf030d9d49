/**
 * Samples the resident set size while the bench runs and notes it at each phase's end.
 * Sampling only sees the event loop's turns, so a long synchronous step's peak shows up in
 * `process.resourceUsage().maxRSS` (the kernel's high-water mark), which is also noted per phase.
 */
export interface MemoryMonitor {
  /** Notes the current and highest RSS so far under `phase`. */
  mark(phase: string): void;
  stop(): MemoryReport;
}

export interface MemoryReport {
  sampledPeakBytes: number;
  maxRssBytes: number;
  phases: Array<{ phase: string; rssBytes: number; maxRssSoFarBytes: number }>;
}

export function startMemoryMonitor(intervalMs = 100): MemoryMonitor {
  let sampledPeak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, intervalMs);
  timer.unref();
  const phases: MemoryReport['phases'] = [];
  const maxRss = () => process.resourceUsage().maxRSS * 1024;
  return {
    mark(phase) {
      const rss = process.memoryUsage.rss();
      sampledPeak = Math.max(sampledPeak, rss);
      phases.push({ phase, rssBytes: rss, maxRssSoFarBytes: maxRss() });
    },
    stop() {
      clearInterval(timer);
      sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
      return { sampledPeakBytes: sampledPeak, maxRssBytes: maxRss(), phases };
    },
  };
}
