import { createHash, type Hash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, type Stats } from 'node:fs';
import { join } from 'node:path';

const CHUNK_BYTES = 1 << 20;

/**
 * A content hash of a host path as a container sees it through a bind mount: for a folder, every entry's path
 * relative to it, kind, executable bits and content (symbolic links by their target text), in name order.
 * The host path itself is left out, so the same tree hashes the same in any checkout on any machine.
 * Throws when something cannot be read (the caller says the step cannot be cached, and why).
 */
export function hashVolumeContent(path: string): string {
  const hash = createHash('sha256');
  addEntry(hash, path, '.', lstatSync(path));
  return hash.digest('hex');
}

function addEntry(hash: Hash, path: string, relative: string, stats: Stats): void {
  const executable = (stats.mode & 0o111).toString(8);
  if (stats.isSymbolicLink()) {
    hash.update(`link\0${relative}\0${readlinkSync(path)}\0`);
  } else if (stats.isDirectory()) {
    hash.update(`dir\0${relative}\0`);
    const names = readdirSync(path).sort();
    for (const name of names) {
      const child = join(path, name);
      addEntry(hash, child, relative === '.' ? name : `${relative}/${name}`, lstatSync(child));
    }
  } else if (stats.isFile()) {
    hash.update(`file\0${relative}\0${executable}\0${stats.size}\0`);
    addFileContent(hash, path);
  } else {
    // Sockets, fifos, devices: their content is not a file's; their presence and name still count.
    hash.update(`special\0${relative}\0`);
  }
}

function addFileContent(hash: Hash, path: string): void {
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let read: number;
    while ((read = readSync(descriptor, buffer, 0, CHUNK_BYTES, null)) > 0)
      hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(descriptor);
  }
}
