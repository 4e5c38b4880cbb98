// The walkthrough as package.json contributes it: every link runs a command the extension has (or the focus
// command VS Code makes for its view), every step completes on a command, every picture ships in the .vsix.
import { REPO_ROOT } from '../../../support/paths.js';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { WALKTHROUGH_ID } from '../../../../client/walkthrough/walkthrough-id.js';

interface Step {
  id: string;
  description: string;
  media: { image?: string; markdown?: string; altText?: string };
  completionEvents: string[];
}

interface Manifest {
  name: string;
  publisher: string;
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
    walkthroughs: { id: string; steps: Step[] }[];
  };
}

const ROOT = REPO_ROOT;
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as Manifest;
const { contributes } = manifest;
const commands = new Set(contributes.commands.map((command) => command.command));
// VS Code contributes `<view id>.focus` for each view.
const views = Object.values(contributes.views).flatMap((list) => list.map((view) => `${view.id}.focus`));
const known = new Set([...commands, ...views]);
const linked = (text: string) => [...text.matchAll(/\]\(command:([\w.]+)\)/g)].map((match) => match[1] ?? '');

const [walkthrough] = contributes.walkthroughs;

void test('Get Started opens the walkthrough package.json contributes', () => {
  assert.ok(walkthrough);
  assert.equal(WALKTHROUGH_ID, `${manifest.publisher}.${manifest.name}#${walkthrough.id}`);
});

void test('the walkthrough creates, runs, reads a step output and debugs, in that order', () => {
  assert.deepEqual(
    walkthrough?.steps.map((step) => step.id),
    ['createWorkflow', 'runWorkflow', 'readOutput', 'debugWorkflow'],
  );
});

for (const step of walkthrough?.steps ?? []) {
  void test(`walkthrough step ${step.id}: its links and completion run commands the extension has`, () => {
    const links = linked(step.description);
    assert.ok(links.length > 0, 'the step links a command');
    for (const command of links) assert.ok(known.has(command), `unknown command ${command}`);
    assert.ok(step.completionEvents.length > 0);
    for (const event of step.completionEvents) {
      const command = /^onCommand:(.+)$/.exec(event)?.[1];
      assert.ok(command && commands.has(command), `completes on a contributed command: ${event}`);
    }
  });

  void test(`walkthrough step ${step.id}: its media is in the repository (and so in the .vsix)`, () => {
    const media = step.media.image ?? step.media.markdown;
    assert.ok(media !== undefined, 'the step shows a picture or a page');
    assert.ok(media.startsWith('client/media/'), `${media} is under client/media/, which the .vsix ships`);
    assert.ok(existsSync(resolve(ROOT, media)), `${media} exists`);
    if (step.media.image) assert.ok(step.media.altText, 'a picture has a text alternative');
  });
}

void test('the empty Runs view links commands the extension has', () => {
  for (const welcome of contributes.viewsWelcome)
    for (const command of linked(welcome.contents)) assert.ok(known.has(command), command);
});
