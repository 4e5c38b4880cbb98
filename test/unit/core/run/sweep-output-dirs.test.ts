import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { outputDirPrefix, sweepOrphanOutputDirs } from '../../../../core/run/sweep-orphans.js';

void test('output folders of dead runs on this host are removed; live runs and other hosts are left alone', () => {
  const parent = mkdtempSync(join(tmpdir(), 'dagger-wf-sweep-'));
  try {
    // A real process that has ended: its pid is free (the kernel reuses pids only much later).
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const dead = join(parent, `dagger-wf-outputs-${hostname()}-${deadPid}-a1b2c3`);
    const live = `${outputDirPrefix(parent)}d4e5f6`;
    const otherHost = join(parent, `dagger-wf-outputs-elsewhere.example-${deadPid}-g7h8i9`);
    for (const dir of [dead, live, otherHost]) {
      mkdirSync(dir);
      writeFileSync(join(dir, '0.1.out'), 'token=secret\n');
    }
    assert.equal(basename(live), `dagger-wf-outputs-${hostname()}-${process.pid}-d4e5f6`);
    assert.equal(sweepOrphanOutputDirs(parent), 1);
    assert.deepEqual([existsSync(dead), existsSync(live), existsSync(otherHost)], [false, true, true]);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
