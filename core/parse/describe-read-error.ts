/** Why a file could not be read, in a few words for a one-line message (`no such file`, `is a directory`…). */
export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
  }
  return code ?? (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
