import { launchBrowser, serveStatic } from './lib.mjs';
const [dir, out, width, ...paths] = process.argv.slice(2);
const server = await serveStatic(dir);
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: +width, height: 812 } });
let i = 0;
for (const path of paths) {
  await page.goto(server.url + path);
  if (process.env.CLICK) for (const c of process.env.CLICK.split(',')) await page.click(c);
  await page.screenshot({ path: `${out}-${i++}.png` });
}
await browser.close(); server.close();
