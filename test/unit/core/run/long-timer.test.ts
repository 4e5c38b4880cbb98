import { test, mock } from 'node:test';
import * as assert from 'node:assert/strict';
import { MAX_TIMER_MS, startLongTimer } from '../../../../core/run/long-timer.js';

const DAY = 24 * 3600 * 1000;

void test('a timer longer than setTimeout allows fires at its time, not at once (simulated clock)', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    let fired = 0;
    startLongTimer(() => fired++, 35 * DAY); // timeout_seconds: 3,024,000
    mock.timers.tick(1);
    assert.equal(fired, 0, 'not after 1 ms');
    mock.timers.tick(MAX_TIMER_MS);
    assert.equal(fired, 0, 'not after the first 24.8 days');
    mock.timers.tick(35 * DAY - MAX_TIMER_MS - 2);
    assert.equal(fired, 0, 'not 1 ms early');
    mock.timers.tick(1);
    assert.equal(fired, 1);
  } finally {
    mock.timers.reset();
  }
});

void test('a long timer can be stopped in any of its stretches (simulated clock)', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    let fired = 0;
    const stop = startLongTimer(() => fired++, 60 * DAY);
    mock.timers.tick(30 * DAY);
    stop();
    mock.timers.tick(60 * DAY);
    assert.equal(fired, 0);
  } finally {
    mock.timers.reset();
  }
});
