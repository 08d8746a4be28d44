// The app loads cleanly from the real server and shows what the server says about its health.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEnvironment, decodePng, darkFraction, DIST } from './harness.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'app_loads' }); });
after(async () => { await env?.stop(); });

test('the app loads with no console error, favicon included', async () => {
  const app = await env.openApp({ waitReady: false });
  const favicon = app.page.waitForResponse((r) => r.url().endsWith('/favicon.svg'));
  await app.waitReady();
  assert.equal((await favicon).status(), 200);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('the start screen shows the server health and versions from /api/v1/health', async () => {
  const health = await (await fetch(env.server.url + '/api/v1/health')).json();
  assert.equal(health.db, 'ok');
  const app = await env.openApp({ path: '/health' });
  await app.waitFor('サーバー: 正常に動作しています', { kind: 'text' });
  await app.waitFor('データベース: 正常に動作しています', { kind: 'text' });
  const labels = (await app.widgets()).map((w) => w.label);
  const versionRow = labels.indexOf('サーバーのバージョン');
  assert.notEqual(versionRow, -1, 'the server version row is shown');
  assert.equal(labels[versionRow + 1], health.version);
  const schemaRow = labels.indexOf('データ形式の版');
  assert.equal(labels[schemaRow + 1], String(health.schema_version));
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('Japanese text is drawn with the Japanese font (screenshot kept in artifacts/)', async () => {
  const app = await env.openApp({ path: '/health' });
  const name = await app.waitFor('みまもり', { kind: 'heading' });
  const title = await app.waitFor('システムの状態', { kind: 'heading' });
  const metrics = await app.metrics();
  assert.ok(metrics.fontGlyphs > 7000, `the font has the subset's glyphs (${metrics.fontGlyphs})`);
  assert.equal(metrics.missingGlyphs, 0, 'every character on screen has a glyph');
  const image = decodePng(await app.page.screenshot());
  await app.screenshot('start-screen-ja.png');
  // Ink where the Japanese headings are: the glyphs were really drawn there.
  assert.ok(darkFraction(image, title.rect) > 0.04, 'the heading 「システムの状態」 has ink');
  assert.ok(darkFraction(image, name.rect, 160) > 0.04, 'the product name 「みまもり」 has ink');
  await app.close();
});

test('the language switch turns the UI into English and back, and is remembered', async () => {
  const app = await env.openApp({ path: '/health' });
  await app.click('English', { kind: 'button' });
  await app.waitFor('System status', { kind: 'heading' });
  assert.equal(await app.find('システムの状態'), null);
  await app.page.reload();
  await app.waitReady();
  await app.waitFor('System status', { kind: 'heading' });
  await app.click('日本語', { kind: 'button' });
  await app.waitFor('システムの状態', { kind: 'heading' });
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('a tap on a touch screen acts as a click', async () => {
  const app = await env.openApp({ path: '/health', hasTouch: true });
  await app.tap('English', { kind: 'button' });
  await app.waitFor('System status', { kind: 'heading' });
  await app.tap('日本語', { kind: 'button' });
  await app.waitFor('システムの状態', { kind: 'heading' });
  await app.close();
});

test('on a phone, a finger drag scrolls the screen and presses nothing', async () => {
  const app = await env.openApp({ path: '/health', viewport: { width: 390, height: 700 }, hasTouch: true });
  assert.equal(await app.find('このアプリについて', { kind: 'link' }), null, 'the link starts below the fold');
  const recheck = await app.waitFor('再確認', { kind: 'button' });
  let healthRequests = 0;
  app.page.on('request', (r) => { if (r.url().endsWith('/api/v1/health')) healthRequests++; });
  // Start the drag on the button: a scroll must not click it (that would start a request).
  await app.swipe(recheck.rect.x + 10, recheck.rect.y + 10, -300);
  const moved = await app.find('再確認', { kind: 'button' });
  assert.ok(!moved || moved.rect.y < recheck.rect.y - 100, 'the content moved up');
  assert.equal(healthRequests, 0, 'the button where the drag started was not pressed');
  await app.swipe(195, 600, -400);
  assert.ok(await app.find('このアプリについて', { kind: 'link' }), 'scrolled down to the link');
  await app.tap('このアプリについて', { kind: 'link' });
  assert.equal(await app.route(), '/about');
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('an uncaught page error is reported to the server', async () => {
  const app = await env.openApp({ path: '/health' });
  const report = app.page.waitForResponse((r) => r.url().endsWith('/api/v1/client-errors'));
  await app.page.evaluate(() => setTimeout(() => { throw new Error('browser test: deliberate error'); }, 0));
  assert.equal((await report).status(), 201);
  await app.close();
});

// Runs `fn` with an environment of its own (a server this test may break).
async function withOwnEnvironment(label, fn, options = {}) {
  const own = await startEnvironment({ label, ...options });
  try {
    await fn(own);
  } finally {
    await own.stop();
  }
}

test('an unreachable server is said plainly', () => withOwnEnvironment('app_loads_down', async (own) => {
  const app = await own.openApp({ path: '/health' });
  await app.waitFor('サーバー: 正常に動作しています', { kind: 'text' });
  await own.server.stop();
  await app.click('再確認', { kind: 'button' });
  await app.waitFor(/^サーバー: サーバーに接続できません/, { kind: 'text' });
  await app.waitFor('しばらくすると自動的に再確認します。', { kind: 'text' });
  await app.close();
}));

test('an unavailable database is said plainly while the server still answers', () =>
  withOwnEnvironment('app_loads_db_down', async (own) => {
    const app = await own.openApp({ path: '/health' });
    await app.waitFor('データベース: 正常に動作しています', { kind: 'text' });
    await own.server.dropDatabase();
    await app.click('再確認', { kind: 'button' });
    await app.waitFor(/^データベース: データベースを利用できません/, { kind: 'text' });
    await app.waitFor('サーバー: 正常に動作しています', { kind: 'text' });
    await app.close();
  }));

test('without its font the page says to reload, and the server hears why', async () => {
  // A bundle whose font is missing (a broken deployment).
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mimamori-nofont-'));
  fs.cpSync(DIST, webRoot, { recursive: true, filter: (from) => !path.basename(from).startsWith('mimamori-ja.ttf') });
  try {
    await withOwnEnvironment('app_loads_nofont', async (own) => {
      const app = await own.openApp({ path: '/health', waitReady: false });
      const report = app.page.waitForResponse((r) => r.url().endsWith('/api/v1/client-errors'));
      assert.equal((await report).status(), 201);
      await app.page.waitForSelector('#mimamori-splash.failed');
      assert.match(await app.page.textContent('#mimamori-splash-message'), /再読み込み/);
      assert.equal(await app.page.evaluate(() => window.mimamori.ready()), false);
      await app.close();
    }, { webRoot });
  } finally {
    fs.rmSync(webRoot, { recursive: true, force: true });
  }
});
