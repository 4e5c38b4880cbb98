import { createHash } from 'node:crypto';
import { HttpProblem } from '../problem.js';
import type { Execution } from './execution.js';
import type { ExecutionStore } from './execution-store.js';

export interface IdempotencyHashes {
  key_sha256: string;
  request_sha256: string;
}

/** The request an Idempotency-Key is bound to: the workflow and the inputs (key order does not matter). */
export function requestHash(workflowId: string, inputs: Record<string, unknown> | undefined): string {
  const sorted = Object.keys(inputs ?? {})
    .sort()
    .map((name) => [name, inputs?.[name]]);
  return sha256(JSON.stringify([workflowId, sorted]));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * `Idempotency-Key` (the IETF httpapi draft): the same key with the same request gives the execution the first
 * request made, however many arrive at once; the same key with another request is refused with 422, as the
 * draft says. Keys live as long as their execution is kept; only their SHA-256 is stored.
 */
export class IdempotencyKeys {
  /** Executions being created: the first request's promise, shared with every duplicate meanwhile. */
  private readonly pending = new Map<string, { request: string; execution: Promise<Execution> }>();

  constructor(private readonly store: ExecutionStore) {}

  /** The execution an earlier request with this key made (or is making); undefined for a new key. */
  find(key: string, request: string): Promise<Execution> | undefined {
    const keyHash = sha256(key);
    const pending = this.pending.get(keyHash);
    const made = this.store.byIdempotencyKey(keyHash);
    const earlier = pending?.request ?? made?.meta.idempotency?.request_sha256;
    if (earlier === undefined) return undefined;
    if (earlier !== request) {
      throw new HttpProblem(
        422,
        'idempotency-key-reused',
        'Idempotency-Key reused',
        'this Idempotency-Key was sent before with another request (workflow or inputs): use a new key',
      );
    }
    return pending?.execution ?? Promise.resolve(made as Execution);
  }

  /**
   * Make the execution for a new key. Call it in the same turn as `find` returned undefined: duplicates that
   * arrive while `create` runs then wait for its result instead of making their own.
   */
  create(
    key: string,
    request: string,
    create: (hashes: IdempotencyHashes) => Promise<Execution>,
  ): Promise<Execution> {
    const keyHash = sha256(key);
    const execution = create({ key_sha256: keyHash, request_sha256: request });
    this.pending.set(keyHash, { request, execution });
    // Once made, the store knows it; a failed creation (engine down) frees the key for a retry.
    const settle = () => this.pending.delete(keyHash);
    execution.then(settle, settle);
    return execution;
  }
}
