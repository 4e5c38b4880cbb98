// When a forced cancel stops waiting on the engine. The real frozen engine is in
// test/docker/engine-faults.test.ts; here fake pings stand in for a busy and a frozen engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cancellation } from '../../../../core/run/cancellation.js';
import { GAVE_UP, unlessForcedOut } from '../../../../core/run/forced-cancel.js';
import { useFastClock } from '../../support/fast-clock.js';

/** Work that never settles, as a call to a frozen engine (kept alive like an open socket would). */
function never(): Promise<string> {
  const socket = setInterval(() => undefined, 1000);
  setTimeout(() => clearInterval(socket), 5000).unref();
  return new Promise(() => undefined);
}

const answering = () => Promise.resolve();
const silent = () => Promise.reject(new Error('no answer within 2 s'));
const forcedCancel = () => {
  const cancellation = new Cancellation();
  cancellation.cancel(true);
  return cancellation;
};

void test('without a forced cancel the work is waited for, however long, and its result passed on', async () => {
  const cancellation = new Cancellation();
  cancellation.cancel();
  const slow = new Promise<string>((resolve) => setTimeout(() => resolve('stopped'), 100));
  assert.equal(await unlessForcedOut(slow, cancellation, silent), 'stopped', 'a graceful cancel still waits');
  await assert.rejects(
    unlessForcedOut(Promise.reject(new Error('refused')), new Cancellation(), silent),
    /refused/,
  );
});

void test('fake busy engine: after a forced cancel, work is still waited for while the engine answers', async (t) => {
  useFastClock(t);
  let pings = 0;
  const counting = () => {
    pings++;
    return answering();
  };
  const slow = new Promise<string>((resolve) => setTimeout(() => resolve('killed'), 1500));
  assert.equal(await unlessForcedOut(slow, forcedCancel(), counting), 'killed');
  assert.equal(pings, 2, 'the engine was asked again after a pause, and again it answered');
});

void test('fake frozen engine: a forced cancel gives up as soon as the engine does not answer', async () => {
  const cancellation = new Cancellation();
  const waiting = unlessForcedOut(never(), cancellation, silent);
  cancellation.cancel();
  cancellation.cancel();
  assert.equal(await waiting, GAVE_UP);
  assert.equal(await unlessForcedOut(never(), cancellation, silent), GAVE_UP, 'work begun after it too');
});
