import assert from 'node:assert/strict';

/**
 * `value`, or a failed test saying what was expected when it is undefined or null: narrows an indexed or
 * looked-up value without a non-null assertion.
 */
export function must<T>(value: T | undefined | null, what: string): T {
  assert.ok(value !== undefined && value !== null, `expected ${what}`);
  return value;
}
