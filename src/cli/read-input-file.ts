import { readFile } from 'node:fs/promises';
import { CanvassError } from '../errors/canvass-error.js';

/** Reads a text file named on the command line, with a message that names it when it cannot. */
export async function readInputFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CanvassError('file.not-found', `The file ${path} does not exist`);
    if (code === 'EISDIR') throw new CanvassError('file.not-found', `${path} is a folder; give the path of a file`);
    if (code === 'EACCES') throw new CanvassError('file.not-found', `The file ${path} cannot be read (permission denied)`);
    throw error;
  }
}
