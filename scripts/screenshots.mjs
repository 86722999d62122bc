// Screenshots of the default theme for the README: every page type of the example site at
// 375 px and 1280 px, in Chinese and English, taken in Debian's headless Chromium.
// usage: npm run screenshots   (after cargo build; writes docs/screenshots/)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, buildAndServe, copyExampleSite, REPO } from '../tests/browser/lib.mjs';
import { PAGES } from '../tests/browser/pages.mjs';

const out = join(REPO, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const browser = await launchBrowser();
const sites = {
  zh: await buildAndServe(REPO),
  en: await buildAndServe(copyExampleSite((yaml) => yaml.replace(/^language: .*$/m, 'language: en'))),
};
for (const [lang, site] of Object.entries(sites)) {
  for (const [kind, path] of Object.entries(PAGES)) {
    for (const width of [375, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: width < 600 ? 812 : 900 } });
      await page.goto(site.url + path, { waitUntil: 'load' });
      const file = join(out, `${lang}-${kind}-${width}.jpg`);
      await page.screenshot({ path: file, type: 'jpeg', quality: 70 });
      await page.close();
      console.log(file);
    }
  }
  site.close();
}
await browser.close();
