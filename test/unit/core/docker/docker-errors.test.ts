import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { messageOf } from '../../../../core/docker/docker-errors.js';

void test("dockerode's own message ends with a space: messageOf drops it with the HTTP prefix", () => {
  const error = new Error('(HTTP code 500) server error - Get "http://localhost:1/v2/": connection refused ');
  assert.equal(messageOf(error), 'Get "http://localhost:1/v2/": connection refused');
  assert.equal(messageOf(new Error('(HTTP code 404) unexpected - manifest unknown \n')), 'manifest unknown');
});
