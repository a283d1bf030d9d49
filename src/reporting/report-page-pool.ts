import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gzippedReportPage, writeReportPage, type PageJob } from './report-page-worker.js';

export interface ReportPagePool {
  /** Queues a page; resolves once there is room for another (at most two waiting per worker). */
  write(job: Omit<PageJob, 'id'> & { path: string }): Promise<void>;
  /**
   * Queues a page to be made and gzipped, handed to `done` when it is; resolves once there is
   * room for another, as `write`.
   */
  make(job: Omit<PageJob, 'id' | 'path'>, done: (gzipped: Uint8Array) => void): Promise<void>;
  /** Waits for every queued page, then stops the workers. Rejects with the first failure. */
  close(): Promise<void>;
}

const workerFile = fileURLToPath(new URL('./report-page-worker.js', import.meta.url));

/**
 * Writes report pages on worker threads, one per core: drawing charts and rendering templates is
 * what a thousand benchmark reports spend their time on, and each page is independent. Without
 * the compiled worker (running from the TypeScript sources, as tests do) pages are written in
 * this thread, one at a time.
 */
export function reportPagePool(size = Math.max(1, Math.min(availableParallelism(), 8))): ReportPagePool {
  if (!existsSync(workerFile)) return inProcessPool();
  const workers = Array.from({ length: size }, () => new Worker(workerFile));
  const idle = [...workers];
  const waiting: Array<Omit<PageJob, 'id'> & { id: number }> = [];
  const pending = new Map<number, { resolve: (gzipped?: Uint8Array) => void; reject: (error: Error) => void }>();
  const roomWaiters: Array<() => void> = [];
  let failure: Error | undefined;
  let nextId = 0;

  const dispatch = () => {
    while (idle.length > 0 && waiting.length > 0) {
      const worker = idle.pop()!;
      worker.postMessage(waiting.shift()!);
    }
    while (roomWaiters.length > 0 && waiting.length < size * 2) roomWaiters.shift()!();
  };
  for (const worker of workers) {
    worker.on('message', (message: { id: number; error?: string; gzipped?: Uint8Array }) => {
      const job = pending.get(message.id)!;
      pending.delete(message.id);
      idle.push(worker);
      if (message.error) {
        failure ??= new Error(`a report page could not be written: ${message.error}`);
        job.reject(failure);
      } else job.resolve(message.gzipped);
      dispatch();
    });
    worker.on('error', (error) => {
      failure ??= error;
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    });
  }
  const done: Array<Promise<void>> = [];
  const queue = async (job: Omit<PageJob, 'id'>, then: (gzipped?: Uint8Array) => void): Promise<void> => {
    if (failure) throw failure;
    const id = nextId++;
    const finished = new Promise<void>((resolve, reject) => pending.set(id, { resolve: (gzipped) => (then(gzipped), resolve()), reject }));
    // Failures surface from close(), and make the next job throw; never as unhandled.
    finished.catch(() => {});
    done.push(finished);
    waiting.push({ ...job, id });
    dispatch();
    if (waiting.length >= size * 2) await new Promise<void>((resolve) => roomWaiters.push(resolve));
  };
  return {
    write: (job) => queue(job, () => {}),
    make: (job, then) => queue(job, (gzipped) => then(gzipped!)),
    async close() {
      try {
        await Promise.all(done);
      } finally {
        await Promise.all(workers.map((w) => w.terminate()));
      }
    },
  };
}

function inProcessPool(): ReportPagePool {
  return { write: (job) => writeReportPage(job), make: async (job, then) => then(await gzippedReportPage(job)), close: async () => {} };
}
