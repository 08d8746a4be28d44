// URL routes: links, deep links, unknown addresses, and the browser's back and forward.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment } from './harness.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'routes' }); });
after(async () => { await env?.stop(); });

test('back and forward switch between routes', async () => {
  const app = await env.openApp({ path: '/health' });
  assert.equal(await app.route(), '/health');
  await app.click('このアプリについて', { kind: 'link' });
  assert.equal(await app.route(), '/about');
  assert.ok(app.page.url().endsWith('#/about'));
  await app.waitFor('このアプリについて', { kind: 'heading' });
  assert.equal(await app.find('システムの状態'), null);

  await app.page.goBack();
  await app.settle();
  assert.equal(await app.route(), '/health');
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
  // Home needs a sign-in: the sign-in screen, in place of the home route in the history.
  await app.waitFor('サインイン', { kind: 'heading' });
  assert.equal(await app.route(), '/signin');
  await app.close();
});

test('signed out, any other route leads to the sign-in, the status and about pages stay open', async () => {
  for (const route of ['/', '/facilities', '/account', '/patients/no-such-page']) {
    const app = await env.openApp({ path: route });
    await app.waitFor('サインイン', { kind: 'heading' });
    assert.equal(await app.route(), '/signin', `${route} leads to the sign-in`);
    assert.equal(await app.find('事業所一覧'), null, 'no menu is shown');
    await app.close();
  }
  const app = await env.openApp({ path: '/signin' });
  await app.click('システムの状態', { kind: 'link' });
  await app.waitFor('システムの状態', { kind: 'heading' });
  assert.equal(await app.route(), '/health');
  assert.deepEqual(app.problems, []);
  await app.close();
});
