// EngineWatch decides when an engine is gone. The real faults (killed, frozen, restarted) are in
// test/docker/engine-faults.test.ts; here a fake ping stands in for the engine, to check the rules quickly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineWatch, type EngineWatchTiming } from '../../../../core/docker/engine-watch.js';
import { EngineLostError } from '../../../../core/run/run-errors.js';
import { useFastClock } from '../../support/fast-clock.js';

const FAST: EngineWatchTiming = { heartbeatMs: 10, pingTimeoutMs: 30, silenceLimitMs: 120 };
const ADDRESS = 'unix:///fake.sock';

const refused = () => Object.assign(new Error('connect ECONNREFUSED /fake.sock'), { code: 'ECONNREFUSED' });
const answering = () => Promise.resolve();
/** A ping that never answers, as a frozen engine: it only ends when aborted. */
const silent = (signal: AbortSignal) =>
  new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
/** A call that waits until aborted, as a container wait on a long step (its open socket keeps Node alive). */
const waitingCall = (signal: AbortSignal) => {
  const socket = setInterval(() => undefined, 1000);
  return silent(signal).finally(() => clearInterval(socket));
};

void test('a refused connection makes the engine lost; every later call fails at once without reaching it', async () => {
  const watch = new EngineWatch(ADDRESS, answering, FAST);
  await assert.rejects(
    watch.call(() => Promise.reject(refused())),
    (error: unknown) =>
      error instanceof EngineLostError &&
      error.message === 'lost the Docker engine at unix:///fake.sock: connection refused',
  );
  let reached = false;
  await assert.rejects(
    watch.call(() => {
      reached = true;
      return Promise.resolve();
    }),
    EngineLostError,
  );
  assert.equal(reached, false);
});

void test('an error the engine answered with (an HTTP status) is passed on and loses nothing', async () => {
  const watch = new EngineWatch(ADDRESS, answering, FAST);
  const notFound = Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 });
  await assert.rejects(
    watch.call(() => Promise.reject(notFound)),
    (error) => error === notFound,
  );
  assert.equal(await watch.call(() => Promise.resolve(42)), 42);
});

void test('fake frozen engine: silent past the limit, it is lost and the calls in flight are aborted', async () => {
  const watch = new EngineWatch(ADDRESS, silent, FAST);
  let aborted: AbortSignal | undefined;
  await assert.rejects(
    watch.call((signal) => {
      aborted = signal;
      return waitingCall(signal);
    }),
    /lost the Docker engine at unix:\/\/\/fake\.sock: it has not answered for \d+ s/,
  );
  assert.equal(aborted?.aborted, true, 'the call was aborted, so it holds no connection');
});

void test('fake answering engine: a long call goes on while the pings are answered', async (t) => {
  // Simulated time: on a loaded machine a real 300 ms call could end before a 10 ms heartbeat came round twice.
  useFastClock(t, 5);
  let pings = 0;
  const watch = new EngineWatch(
    ADDRESS,
    () => {
      pings++;
      return Promise.resolve();
    },
    FAST,
  );
  const value = await watch.call(() => new Promise((resolve) => setTimeout(() => resolve('done'), 300)));
  assert.equal(value, 'done');
  assert.ok(pings >= 2, `the engine was pinged while the call waited (${pings})`);
  const before = pings;
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(pings, before, 'no pings while nothing is in flight');
});

void test('a refused ping during a long call loses the engine at once, without waiting for the silence limit', async () => {
  const watch = new EngineWatch(ADDRESS, () => Promise.reject(refused()), {
    ...FAST,
    silenceLimitMs: 60_000,
  });
  await assert.rejects(watch.call(waitingCall), /connection refused/);
});

void test('a broken stream is checked with a ping: lost when it is refused, not when the engine answers', async () => {
  const alive = new EngineWatch(ADDRESS, answering, FAST);
  await alive.suspect('the output stream broke');
  assert.equal(await alive.call(() => Promise.resolve('still usable')), 'still usable');
  const gone = new EngineWatch(ADDRESS, () => Promise.reject(refused()), FAST);
  await gone.suspect('the output stream broke');
  await assert.rejects(
    gone.call(() => Promise.resolve()),
    /lost the Docker engine at unix:\/\/\/fake\.sock: the output stream broke, and connection refused/,
  );
});

void test('confirmAlive: a refused connection is a lost engine; a slow answer is not', async () => {
  await new EngineWatch(ADDRESS, silent, FAST).confirmAlive();
  await assert.rejects(
    new EngineWatch(ADDRESS, () => Promise.reject(refused()), FAST).confirmAlive(),
    EngineLostError,
  );
});

void test('dispose aborts the calls in flight and refuses new ones, naming the engine', async () => {
  const watch = new EngineWatch(ADDRESS, answering, FAST);
  let signal: AbortSignal | undefined;
  const waiting = watch.call((given) => {
    signal = given;
    return waitingCall(given);
  });
  watch.dispose();
  await assert.rejects(waiting, /stopped waiting for the Docker engine at unix:\/\/\/fake\.sock/);
  assert.equal(signal?.aborted, true);
  await assert.rejects(
    watch.call(() => Promise.resolve()),
    /stopped waiting/,
  );
});
