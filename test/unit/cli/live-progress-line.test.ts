import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lastVisibleLine } from '../../../cli/print-progress-tty.js';

void test('the live block shows the last line as a terminal would: after the last CR, no escapes or controls', () => {
  assert.equal(lastVisibleLine('first\nsecond\n\n'), 'second');
  assert.equal(lastVisibleLine('downloading  10%\rdownloading  55%\r'), 'downloading  55%');
  assert.equal(lastVisibleLine('\x1b[1;32mok\x1b[0m\tdone\r\n'), 'ok done');
  assert.equal(lastVisibleLine('\x1b]0;window title\x07visible\x1b[2J\x1b[H'), 'visible');
  assert.equal(lastVisibleLine('bell\x07 and back\bspace'), 'bell and backspace');
  assert.equal(lastVisibleLine('\n  \r\n'), undefined);
});
