import type { Execution, ExecutionStatus } from './execution.js';

export interface ExecutionFilter {
  workflow?: string;
  status?: ExecutionStatus;
}

export interface ExecutionPage {
  executions: Execution[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** Newest first: by acceptance time, then by id (ids are unique). */
function newerFirst(a: Execution, b: Execution): number {
  return b.meta.created_at.localeCompare(a.meta.created_at) || b.id.localeCompare(a.id);
}

/** The executions the server knows, newest first, by id and by Idempotency-Key hash. */
export class ExecutionStore {
  private readonly byId = new Map<string, Execution>();
  private readonly byKey = new Map<string, Execution>();
  private ordered: Execution[] = [];

  constructor(executions: Execution[] = []) {
    for (const execution of executions) this.index(execution);
    this.ordered = [...this.byId.values()].sort(newerFirst);
  }

  /** A new execution: just accepted, so its place is at (or, within the same millisecond, near) the front. */
  add(execution: Execution): void {
    this.index(execution);
    const at = this.ordered.findIndex((other) => newerFirst(execution, other) < 0);
    this.ordered.splice(at === -1 ? this.ordered.length : at, 0, execution);
  }

  get(id: string): Execution | undefined {
    return this.byId.get(id);
  }

  /** The execution made by an earlier request with this Idempotency-Key (its SHA-256). */
  byIdempotencyKey(keySha256: string): Execution | undefined {
    return this.byKey.get(keySha256);
  }

  /** Every execution not yet ended. */
  unfinished(): Execution[] {
    return this.ordered.filter((execution) => !execution.isFinal);
  }

  /**
   * A page of executions, newest first, matching `filter`. The cursor names the last execution of the
   * previous page by time and id, so it stays valid when that execution is pruned meanwhile.
   */
  page(filter: ExecutionFilter, limit: number, cursor?: string): ExecutionPage {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const matching: Execution[] = [];
    let more = false;
    for (const execution of this.ordered) {
      if (after && !isOlder(execution, after)) continue;
      if (filter.workflow !== undefined && execution.meta.workflow_id !== filter.workflow) continue;
      if (filter.status !== undefined && execution.status !== filter.status) continue;
      if (matching.length === limit) {
        more = true;
        break;
      }
      matching.push(execution);
    }
    const last = matching[matching.length - 1];
    return { executions: matching, nextCursor: more && last ? encodeCursor(last) : null };
  }

  /**
   * Forget the ended executions older than the newest `keep` (running and queued ones stay, whatever their
   * age); returns them: deleting their folders is the caller's part.
   */
  prune(keep: number): Execution[] {
    const old = this.ordered.slice(Math.max(0, keep)).filter((execution) => execution.isFinal);
    if (old.length === 0) return old;
    for (const execution of old) {
      this.byId.delete(execution.id);
      const key = execution.meta.idempotency?.key_sha256;
      if (key !== undefined && this.byKey.get(key) === execution) this.byKey.delete(key);
    }
    this.ordered = this.ordered.filter((execution) => this.byId.has(execution.id));
    return old;
  }

  private index(execution: Execution): void {
    this.byId.set(execution.id, execution);
    const key = execution.meta.idempotency?.key_sha256;
    if (key !== undefined) this.byKey.set(key, execution);
  }
}

interface CursorPosition {
  createdAt: string;
  id: string;
}

/** Thrown for a cursor this server did not make. */
export class BadCursorError extends Error {}

function encodeCursor(execution: Execution): string {
  return Buffer.from(JSON.stringify([execution.meta.created_at, execution.id])).toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string')
      return { createdAt: value[0], id: value[1] };
  } catch {
    // Falls through to the error below.
  }
  throw new BadCursorError(`cursor "${cursor}" is not one this server gave`);
}

function isOlder(execution: Execution, position: CursorPosition): boolean {
  const byTime = execution.meta.created_at.localeCompare(position.createdAt);
  return byTime < 0 || (byTime === 0 && execution.id.localeCompare(position.id) < 0);
}
