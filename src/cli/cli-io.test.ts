import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeOut, type CliIo } from './cli-io.js';

const lines = () => Readable.from(['response_id,org\n', 'r-1,ünïcödé\n'].map((text) => Buffer.from(text)), { objectMode: false });

describe('writeOut', () => {
  it('pipes into standard output’s stream when there is one, and leaves it open for what follows', async () => {
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const io: CliIo = { out: () => expect.unreachable('out is not used when there is a stream'), err: () => undefined, outStream: stdout, interactive: false, env: {} };
    await writeOut(io, lines());
    expect(stdout.writableEnded).toBe(false);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('response_id,org\nr-1,ünïcödé\n');
  });

  it('gives the text to out() when there is no stream, as tests capture it', async () => {
    let out = '';
    await writeOut({ out: (text) => void (out += text), err: () => undefined, interactive: false, env: {} }, lines());
    expect(out).toBe('response_id,org\nr-1,ünïcödé\n');
  });
});
