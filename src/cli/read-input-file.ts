import { readFile } from 'node:fs/promises';
import { CanvassError } from '../errors/canvass-error.js';

/**
 * Reads a text file named on the command line, with a message that names it when it cannot.
 * The file must be UTF-8: text in another encoding (a CSV saved by Excel as plain "CSV" is
 * Windows-1252) would otherwise be read with U+FFFD in place of its accented letters and stored so.
 */
export async function readInputFile(path: string): Promise<string> {
  return decodeUtf8File(await readInputBytes(path), path);
}

/** The bytes of a file named on the command line, with a message that names it when it cannot be read. */
export async function readInputBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CanvassError('file.not-found', `The file ${path} does not exist`);
    if (code === 'EISDIR') throw new CanvassError('file.not-found', `${path} is a folder; give the path of a file`);
    if (code === 'EACCES') throw new CanvassError('file.not-found', `The file ${path} cannot be read (permission denied)`);
    throw error;
  }
}

/** The text of a UTF-8 file (without its byte order mark), or a user error that says where it is not UTF-8 and what to do. */
export function decodeUtf8File(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    throw new CanvassError('file.not-utf8', `The file ${path} is not UTF-8 (line ${line} has a byte that is not UTF-8): save it as UTF-8 (in Excel: CSV UTF-8)`);
  }
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), or the length. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // How many continuation bytes follow, and the range the first of them must be in (no overlong forms, surrogates or code points past U+10FFFF).
    const [count, low, high] =
      b >= 0xc2 && b <= 0xdf ? [1, 0x80, 0xbf]
      : b === 0xe0 ? [2, 0xa0, 0xbf]
      : b === 0xed ? [2, 0x80, 0x9f]
      : b >= 0xe1 && b <= 0xef ? [2, 0x80, 0xbf]
      : b === 0xf0 ? [3, 0x90, 0xbf]
      : b >= 0xf1 && b <= 0xf3 ? [3, 0x80, 0xbf]
      : b === 0xf4 ? [3, 0x80, 0x8f]
      : [0, 0, 0];
    if (count === 0) return i;
    for (let k = 1; k <= count; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += count + 1;
  }
  return bytes.length;
}
