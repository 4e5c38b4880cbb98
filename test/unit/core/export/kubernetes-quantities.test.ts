import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuQuantity, memoryQuantity } from '../../../../core/export/kubernetes-quantities.js';

void test('cpu: whole cores stay whole, fractions become millicores', () => {
  const cases: [string, string][] = [
    ['2', '2'],
    ['0.5', '500m'],
    ['500m', '500m'],
    ['1.25', '1250m'],
    ['1000m', '1'],
    ['.1', '100m'],
    ['0.001', '1m'],
  ];
  for (const [text, quantity] of cases) assert.deepEqual(cpuQuantity(text), { quantity }, text);
});

void test('cpu: an amount finer than 1m, or no amount, is a problem naming the text', () => {
  assert.deepEqual(cpuQuantity('0.0005'), {
    problem: `resources.cpu "0.0005" is finer than Kubernetes' smallest unit, 1m (0.001 CPU)`,
  });
  assert.deepEqual(cpuQuantity('lots'), { problem: 'resources.cpu "lots" is not a CPU amount' });
});

void test('memory: our M and G are powers of 1024, written with binary suffixes (512M is 512Mi, not 512M)', () => {
  const cases: [string, string][] = [
    ['512M', '512Mi'],
    ['4G', '4Gi'],
    ['512Mi', '512Mi'],
    ['1g', '1Gi'],
    ['64mb', '64Mi'],
    ['1.5G', '1536Mi'],
    ['2048M', '2Gi'],
    ['1024', '1Ki'],
    ['1000', '1000'],
    ['64k', '64Ki'],
    ['1T', '1Ti'],
  ];
  for (const [text, quantity] of cases) assert.deepEqual(memoryQuantity(text), { quantity }, text);
  assert.deepEqual(memoryQuantity('4 GB RAM'), { problem: 'resources.memory "4 GB RAM" is not a size' });
});
