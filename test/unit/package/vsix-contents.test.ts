// What the Marketplace and Open VSX receive: the files `vsce` puts in the .vsix (the same list as
// `npx @vscode/vsce ls`), and the manifest fields both stores require.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, test } from 'node:test';
import { listFiles, PackageManager } from '@vscode/vsce';

const ROOT = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  main: string;
  icon: string;
  repository?: { url?: string };
  keywords?: string[];
  categories?: string[];
  scripts: Record<string, string>;
};
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
let packaged: Set<string>;

before(async () => {
  // No dependency detection: esbuild bundles them into dist/ and the .vsix has no node_modules.
  packaged = new Set(await listFiles({ cwd: ROOT, packageManager: PackageManager.None }));
});

void test('the package holds the README, the LICENSE, the CHANGELOG, the icon and every entry point', () => {
  for (const file of [
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    manifest.icon,
    manifest.main.replace(/^\.\//, ''),
  ])
    assert.ok(packaged.has(file), `${file} is not in the package`);
  for (const file of packaged) assert.ok(!file.startsWith('node_modules/'), `${file} is in the package`);
});

void test('the LICENSE is the MIT licence package.json declares', () => {
  assert.equal(manifest.license, 'MIT');
  assert.match(readFileSync(resolve(ROOT, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) \d{4} /);
});

void test('every picture the README shows is in the package or at an absolute https address', () => {
  const images = [
    ...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g),
    ...readme.matchAll(/<img\s[^>]*src="([^"]+)"/g),
  ].map((match) => match[1] ?? '');
  assert.ok(images.length > 0, 'the README shows no picture');
  for (const image of images) {
    if (/^https:\/\//.test(image)) continue;
    assert.ok(packaged.has(image), `the README shows ${image}, which is not in the package`);
  }
});

void test('every page the README links to is in the package or outside it by an absolute address', () => {
  const links = [...readme.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map(
    (match) => match[1] ?? '',
  );
  for (const link of links) {
    assert.ok(!link.startsWith('..'), `the README links outside the repository: ${link}`);
    if (/^https?:\/\//.test(link)) continue;
    const file = link.replace(/^\.\//, '');
    // A folder link (e.g. examples/) is fine on the repository's page; a file must be packaged.
    if (!file.endsWith('/'))
      assert.ok(packaged.has(file), `the README links to ${file}, which is not packaged`);
  }
});

void test('the manifest has what the stores ask for, and packaging never skips the licence', () => {
  assert.match(manifest.repository?.url ?? '', /^https:\/\//);
  assert.ok((manifest.keywords ?? []).length > 0 && (manifest.keywords ?? []).length <= 30);
  assert.ok((manifest.categories ?? []).length > 0);
  const png = readFileSync(resolve(ROOT, manifest.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  // The stores want an icon of at least 128×128 pixels (width and height are the IHDR chunk's first fields).
  assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128);
  for (const [name, script] of Object.entries(manifest.scripts)) {
    assert.doesNotMatch(script, /--skip-license|--allow-missing-repository/, `npm run ${name}`);
  }
});
