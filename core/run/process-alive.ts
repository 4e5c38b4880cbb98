/**
 * Whether a process with this pid exists on this machine. EPERM means it exists but belongs to another
 * user: alive. (A pid can be reused after its process ended; runs and containers only use it as a hint.)
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
