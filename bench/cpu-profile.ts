import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotFunction {
  name: string;
  /** Where it is, relative to the repository, as the compiled file's path mapped back to src. */
  where: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  file: string;
  hottest: HotFunction[];
  /** Self time per file, largest first. */
  byFile: Array<{ file: string; selfMs: number; share: number }>;
}

/**
 * Runs `work` under V8's sampling CPU profiler (what `node --cpu-prof` records), writes the
 * .cpuprofile to the temp directory (open it in Chrome DevTools) and sums self time per
 * function and per file, with each function's place in the TypeScript source (through tsc's
 * source maps).
 */
export async function profile(work: () => unknown, label: string): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await work();
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  const file = join(tmpdir(), `canvass-bench-${label}-${process.pid}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return summarise(profile, file);
}

function summarise(profile: Profile, file: string): ProfileSummary {
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, k) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[k] ?? 0)));
  const totalUs = profile.nodes.filter((node) => !outsideWork(node.callFrame)).reduce((sum, node) => sum + (selfUs.get(node.id) ?? 0), 0) || 1;
  const byFunction = new Map<string, HotFunction>();
  const byFile = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0 || outsideWork(node.callFrame)) continue;
    const { source, line } = sourceOf(node.callFrame);
    const name = node.callFrame.functionName || '(anonymous)';
    const where = source ? `${source}:${line}` : '(native/V8)';
    const key = `${name}@${where}`;
    const entry = byFunction.get(key) ?? { name, where, selfMs: 0, share: 0 };
    entry.selfMs += us / 1000;
    byFunction.set(key, entry);
    const fileKey = source ?? `(${name})`;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us / 1000);
  }
  const hottest = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs);
  for (const h of hottest) h.share = h.selfMs / (totalUs / 1000);
  return {
    totalMs: totalUs / 1000,
    file,
    hottest,
    byFile: [...byFile.entries()].map(([f, selfMs]) => ({ file: f, selfMs, share: selfMs / (totalUs / 1000) })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

/** Samples that are not the profiled work: the profiler's own messages, idle time, the root. */
function outsideWork(frame: ProfileNode['callFrame']): boolean {
  return frame.url === '' && ['dispatch', '(idle)', '(program)', '(root)'].includes(frame.functionName);
}

const sourceMaps = new Map<string, SourceMap | null>();

/**
 * Where a profiled function starts: `src/analysis/x.ts` and its TypeScript line for the bench's
 * compiled code, a package path for node_modules, nothing for V8's own entries.
 */
function sourceOf(frame: ProfileNode['callFrame']): { source?: string; line: number } {
  if (frame.url === '') return { line: 0 };
  const path = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  const marker = '/dist/bench-build/';
  const at = path.indexOf(marker);
  if (at < 0) return { source: path.includes('/node_modules/') ? path.slice(path.lastIndexOf('/node_modules/') + 1) : relative(process.cwd(), path), line: frame.lineNumber + 1 };
  if (!sourceMaps.has(path)) sourceMaps.set(path, existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))) : null);
  const entry = sourceMaps.get(path)?.findEntry(frame.lineNumber, frame.columnNumber);
  const compiled = path.slice(at + marker.length).replace(/\.js$/, '.ts');
  if (!entry || !('originalLine' in entry)) return { source: compiled, line: frame.lineNumber + 1 };
  return { source: compiled, line: entry.originalLine + 1 };
}

/** The summary of a profile another process wrote (`node --cpu-prof --cpu-prof-dir=…`). */
export function summariseProfileFile(file: string): ProfileSummary {
  return summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, file);
}
