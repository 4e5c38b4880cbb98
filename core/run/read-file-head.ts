import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The start of a file, and whether that is all of it. */
export interface FileHead {
  text: string;
  /** False when the file holds more than the limit. */
  complete: boolean;
  /** The file's size in bytes (at least what was read). */
  size: number;
}

/**
 * Read at most `limit` bytes of a file as UTF-8, whatever its size: never more than `limit + 1` bytes are
 * held (a step may have written gigabytes to it, or still be appending). A character the limit cuts in two
 * is dropped.
 */
export function readFileHead(path: string, limit: number): FileHead {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length <= limit) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return { text: buffer.toString('utf8', 0, length), complete: true, size: length };
      length += read;
    }
    const text = buffer.toString('utf8', 0, limit).replace(/\uFFFD$/, '');
    return { text, complete: false, size: Math.max(length, fstatSync(fd).size) };
  } finally {
    closeSync(fd);
  }
}
