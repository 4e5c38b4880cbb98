import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInterrupted, listRuns, readRun } from '../../../../../core/run/history/list-runs.js';
import { pruneRuns } from '../../../../../core/run/history/prune-runs.js';
import type { RunRecord } from '../../../../../core/run/history/run-record.js';

function record(runId: string, started: string, status: RunRecord['status'], pid = process.pid): RunRecord {
  return {
    runId,
    workflowFile: '/w.dagger.yaml',
    workflowName: 'w',
    status,
    started_at: started,
    finished_at: null,
    pid,
    outputs: {},
    steps: {},
  };
}

const folders: string[] = [];
after(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function history(records: RunRecord[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-runs-'));
  folders.push(dir);
  for (const run of records) {
    mkdirSync(join(dir, run.runId));
    writeFileSync(join(dir, run.runId, 'run.json'), JSON.stringify(run));
  }
  return dir;
}

void test('runs are listed newest first; folders without a readable run.json are left out', () => {
  const dir = history([
    record('b', '2026-01-02T00:00:00.000Z', 'failed'),
    record('a', '2026-01-01T00:00:00.000Z', 'succeeded'),
    record('c', '2026-01-03T00:00:00.000Z', 'running'),
  ]);
  mkdirSync(join(dir, 'junk'));
  writeFileSync(join(dir, 'junk', 'run.json'), '{ not json');
  assert.deepEqual(
    listRuns(dir).map((run) => run.runId),
    ['c', 'b', 'a'],
  );
  assert.equal(readRun(join(dir, 'junk')), undefined);
  assert.deepEqual(listRuns(join(dir, 'absent')), []);
});

void test('a run still marked running is interrupted when its process is gone', () => {
  assert.equal(isInterrupted(record('x', '2026-01-01T00:00:00.000Z', 'running', 2147483646)), true);
  assert.equal(isInterrupted(record('x', '2026-01-01T00:00:00.000Z', 'running')), false);
  assert.equal(isInterrupted(record('x', '2026-01-01T00:00:00.000Z', 'failed', 2147483646)), false);
});

void test("another tool's run.json is not a run: not listed, and never pruned", () => {
  const old = (day: number) => `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;
  const dir = history([record('new', old(3), 'succeeded'), record('old', old(1), 'failed')]);
  const foreign = {
    'other-tool': { status: 'done', started_at: old(2), steps: {} },
    'no-times': { runId: 'no-times', status: 'failed', steps: {} },
    'renamed-copy': record('new', old(2), 'failed'),
  };
  for (const [name, content] of Object.entries(foreign)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'run.json'), JSON.stringify(content));
  }
  assert.deepEqual(
    listRuns(dir).map((run) => run.runId),
    ['new', 'old'],
  );
  assert.equal(pruneRuns(dir, 1), 1);
  assert.deepEqual(readdirSync(dir).sort(), ['new', 'no-times', 'other-tool', 'renamed-copy']);
});
