// Browser benchmark (run by tools/bench browser): prints, as Markdown, the median time from
// navigation to the app's first interactive frame over 5 cold loads (a new browser context
// each: empty cache), at devicePixelRatio 1 and 2, and the frames drawn per second while idle.
//
//   node bench/app-start.mjs http://127.0.0.1:PORT
//
// "First interactive" is window.mimamori.firstInteractiveMs(): performance.now() (milliseconds
// since navigation start) of the first frame drawn with the Japanese font loaded and the start
// screen showing the server's health; the page also marks it as
// performance.mark('mimamori:first-interactive').

import { launchBrowser, openApp } from '../harness.mjs';

const url = process.argv[2];
if (!url) {
  console.error('usage: node bench/app-start.mjs SERVER_URL');
  process.exit(2);
}

const RUNS = 5;
const IDLE_SECONDS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await launchBrowser();
try {
  console.log('| devicePixelRatio | runs (ms) | median (ms) |');
  console.log('|---|---|---:|');
  let idleFps = null;
  for (const deviceScaleFactor of [1, 2]) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const app = await openApp(browser, url, { deviceScaleFactor });
      times.push(await app.page.evaluate(() => window.mimamori.firstInteractiveMs()));
      if (idleFps === null) {
        const before = await app.frames();
        await app.page.waitForTimeout(IDLE_SECONDS * 1000);
        idleFps = ((await app.frames()) - before) / IDLE_SECONDS;
      }
      await app.close();
    }
    console.log(`| ${deviceScaleFactor} | ${times.map((t) => t.toFixed(0)).join(', ')} | ${median(times).toFixed(0)} |`);
  }
  console.log(`\nidle frames per second (start screen, ${IDLE_SECONDS} s after it settled): **${idleFps}**`);
} finally {
  await browser.close();
}
