import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCpu, parseMemory } from '../../../../core/model/resource-units.js';

void test('parseCpu reads whole, fractional and millicore amounts as nano-CPUs', () => {
  assert.equal(parseCpu('2'), 2_000_000_000);
  assert.equal(parseCpu('0.5'), 500_000_000);
  assert.equal(parseCpu('500m'), 500_000_000);
  assert.equal(parseCpu('1.25'), 1_250_000_000);
  assert.equal(parseCpu('.5'), 500_000_000);
  assert.equal(parseCpu(' 3 '), 3_000_000_000);
});

void test('parseCpu rejects zero, negatives, units it does not know and junk', () => {
  for (const text of ['0', '0m', '-1', '2 cores', '2G', '', 'm', '1e3', 'abc', '1.2.3']) {
    assert.equal(parseCpu(text), undefined, text);
  }
});

void test('parseMemory reads Docker-style sizes in powers of 1024', () => {
  const gib = 1024 ** 3;
  const mib = 1024 ** 2;
  assert.equal(parseMemory('4G'), 4 * gib);
  assert.equal(parseMemory('1g'), gib);
  assert.equal(parseMemory('512M'), 512 * mib);
  assert.equal(parseMemory('512Mi'), 512 * mib);
  assert.equal(parseMemory('512mb'), 512 * mib);
  assert.equal(parseMemory('1.5G'), 1.5 * gib);
  assert.equal(parseMemory('1024'), 1024);
  assert.equal(parseMemory('64k'), 64 * 1024);
  assert.equal(parseMemory('100b'), 100);
  assert.equal(parseMemory('16m'), 16 * mib);
});

void test('parseMemory rejects zero, negatives, unknown units and junk', () => {
  for (const text of ['0', '0G', '-1G', '4 GB RAM', '4X', '', 'G', '1e9', 'lots', '0.0001b']) {
    assert.equal(parseMemory(text), undefined, text);
  }
});
