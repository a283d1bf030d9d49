import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeStreamAtomically } from './write-file-atomically.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'canvass-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stream that gives some lines, then fails, as an export does when the database goes away midway. */
function failingMidway(error: Error): Readable {
  async function* lines() {
    yield 'response_id,org\n';
    yield 'r-1,org-a\n';
    throw error;
  }
  return Readable.from(lines(), { objectMode: false });
}

describe('writeStreamAtomically', () => {
  it('writes the whole stream to the target and leaves nothing else beside it', async () => {
    const target = join(dir, 'responses.csv');
    await writeStreamAtomically(Readable.from(['a,b\n', '1,2\n'], { objectMode: false }), target);
    expect(readFileSync(target, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(dir)).toEqual(['responses.csv']);
  });

  it('leaves no file at the target, and no partial file beside it, when the stream fails midway', async () => {
    const target = join(dir, 'responses.csv');
    const failure = new Error('the database went away');
    await expect(writeStreamAtomically(failingMidway(failure), target)).rejects.toBe(failure);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps a file already at the target as it was when the stream fails', async () => {
    const target = join(dir, 'responses.csv');
    writeFileSync(target, 'the export of yesterday\n');
    await expect(writeStreamAtomically(failingMidway(new Error('disk full')), target)).rejects.toThrow('disk full');
    expect(readFileSync(target, 'utf8')).toBe('the export of yesterday\n');
    expect(readdirSync(dir)).toEqual(['responses.csv']);
  });

  it('fails without leaving anything when the target’s folder does not exist', async () => {
    await expect(writeStreamAtomically(Readable.from(['a\n']), join(dir, 'missing', 'responses.csv'))).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
