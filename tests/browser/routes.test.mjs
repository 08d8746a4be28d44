// URL routes: links, deep links, unknown addresses, and the browser's back and forward.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment } from './harness.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'routes' }); });
after(async () => { await env?.stop(); });

test('back and forward switch between routes', async () => {
  const app = await env.openApp();
  assert.equal(await app.route(), '/');
  await app.click('このアプリについて', { kind: 'link' });
  assert.equal(await app.route(), '/about');
  assert.ok(app.page.url().endsWith('#/about'));
  await app.waitFor('このアプリについて', { kind: 'heading' });
  assert.equal(await app.find('システムの状態'), null);

  await app.page.goBack();
  await app.settle();
  assert.equal(await app.route(), '/');
  await app.waitFor('システムの状態', { kind: 'heading' });

  await app.page.goForward();
  await app.settle();
  assert.equal(await app.route(), '/about');
  await app.waitFor('このアプリについて', { kind: 'heading' });
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('a deep link opens its screen directly', async () => {
  const app = await env.openApp({ path: '/about' });
  await app.waitFor('このアプリについて', { kind: 'heading' });
  await app.click('ホームへ戻る', { kind: 'link' });
  await app.waitFor('システムの状態', { kind: 'heading' });
  await app.close();
});

test('an unknown route says so and leads home', async () => {
  const app = await env.openApp({ path: '/patients/no-such-page' });
  await app.waitFor('ページが見つかりません', { kind: 'heading' });
  await app.waitFor('#/patients/no-such-page', { kind: 'text' });
  await app.click('ホームへ戻る', { kind: 'button' });
  assert.equal(await app.route(), '/');
  await app.waitFor('システムの状態', { kind: 'heading' });
  await app.close();
});
