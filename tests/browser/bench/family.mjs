// Browser half of tools/bench family: opens the page of tests/common/bench/family_bench.cpp built
// by emcc (served by tools/bench) in headless Chromium and prints the JSON the program logs.
//
//   node bench/family.mjs http://127.0.0.1:PORT/family_bench.html

import { launchBrowser } from '../harness.mjs';

const url = process.argv[2];
if (!url) {
  console.error('usage: node bench/family.mjs PAGE_URL');
  process.exit(2);
}

const browser = await launchBrowser();
try {
  const page = await (await browser.newContext()).newPage();
  const line = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no result in 120 s')), 120000);
    page.on('console', (message) => {
      const m = /^family-bench (.*)$/.exec(message.text());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    page.on('pageerror', (error) => reject(error));
  });
  await page.goto(url);
  console.log(await line);
} finally {
  await browser.close();
}
