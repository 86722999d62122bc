// gazette serve as a writer uses it: a section open in the browser changes when its file is
// saved, a mistake shows over the page, and fixing it brings the page back — with no action in
// the browser.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, copyExampleSite, startPreview } from './lib.mjs';

const cleanups = [];
after(() => cleanups.forEach((cleanup) => cleanup()));

test('an open section page follows edits, and shows then clears a front-matter error', async () => {
  const root = copyExampleSite();
  const preview = await startPreview(root);
  const browser = await launchBrowser();
  cleanups.push(preview.stop, () => browser.close());
  const page = await browser.newPage();
  await page.goto(new URL('2013/2013-work-summary/employment/', preview.url).href);
  assert.match(await page.textContent('h1'), /助力妇女就业创业/);

  const file = join(root, 'content/reports/2013-work-summary/02-employment.md');
  const original = readFileSync(file, 'utf8');
  // Saved the way editors do it: a temporary file renamed over the original.
  writeFileSync(`${file}.tmp`, original.replace(/^title: .*$/m, 'title: 二、实时预览的新标题'));
  renameSync(`${file}.tmp`, file);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('实时预览的新标题'), null, { timeout: 30000 });

  writeFileSync(file, original.replace(/^title: /m, 'titel: '));
  await page.waitForSelector('#gazette-error-overlay', { timeout: 30000 });
  const overlay = await page.textContent('#gazette-error-overlay');
  assert.match(overlay, /02-employment\.md:2:1/);
  assert.match(overlay, /unknown key `titel`/);

  writeFileSync(file, original);
  await page.waitForFunction(() => !document.querySelector('#gazette-error-overlay')
    && document.querySelector('h1')?.textContent.includes('助力妇女就业创业'), null, { timeout: 30000 });
});
