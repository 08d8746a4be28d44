// Passwords: the forced change of an initial password at first sign-in (nothing else reachable
// until it is done), and one's own change on the account screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment, demoAccount } from './harness.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'password', demo: true }); });
after(async () => { await env?.stop(); });

test('an initial password must be changed at first sign-in, before anything else', async () => {
  const manager = demoAccount('facility_manager');
  // What the server records for an account whose password was set for the person (initial).
  await env.server.sql(`UPDATE accounts SET must_change_password = true WHERE login = '${manager.login}'`);
  const app = await env.openApp();
  await app.signIn(manager.login, manager.password);
  await app.waitFor('パスワードの変更', { kind: 'heading' });
  assert.equal(await app.route(), '/password');
  assert.equal(await app.find('スタッフ一覧', { kind: 'button' }), null, 'no menu yet');
  for (const route of ['/', '/staff', '/account']) {
    await app.go(route);
    assert.equal(await app.route(), '/password', `${route} is not reachable yet`);
  }
  await app.screenshot('password-forced.png');

  const fresh = 'Manager-new-2026-pass!';
  await app.fill('現在のパスワード', manager.password);
  await app.fill('新しいパスワード', fresh);
  await app.fill('新しいパスワード（確認のためもう一度）', fresh);
  await app.click('パスワードを変更する', { kind: 'button' });
  await app.waitFor('スタッフ一覧', { kind: 'button' });
  assert.equal(await app.route(), '/');

  // The new password is the one that works now.
  await app.click('サインアウト', { kind: 'button' });
  app.expectHttp(401, '/api/v1/session');
  await app.signIn(manager.login, manager.password);
  await app.waitFor('ログインIDまたはパスワードが違います。', { kind: 'text' });
  await app.signIn(manager.login, fresh);
  await app.waitFor('スタッフ一覧', { kind: 'button' });
  assert.equal(await app.route(), '/', 'no forced change any more');
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('on the account screen a wrong current password is said by its field, and the new one follows the rules', async () => {
  const user = demoAccount('facility_user');
  const app = await env.openApp();
  await app.signIn(user.login, user.password);
  await app.waitFor('ホーム', { kind: 'button' });
  await app.go('/account');
  const fresh = 'Nurse-new-2026-pass!';
  await app.fill('現在のパスワード', 'not-my-password-1!');
  await app.fill('新しいパスワード', fresh);
  // Not sendable until the confirmation matches.
  assert.equal((await app.scrollTo('パスワードを変更する', { kind: 'button' })).enabled, false);
  await app.fill('新しいパスワード（確認のためもう一度）', fresh);
  app.expectHttp(401, '/api/v1/me/password');
  await app.click('パスワードを変更する', { kind: 'button' });
  const problem = await app.scrollTo('現在のパスワードが違います。', { kind: 'text' });
  const field = await app.find('現在のパスワード', { kind: 'input' });
  assert.ok(problem.rect.y > field.rect.y, 'under the field');
  assert.equal(field.value, '', 'the wrong password is not kept');
  assert.ok(await app.find('ホーム', { kind: 'button' }), 'still signed in');

  await app.fill('現在のパスワード', user.password);
  await app.click('パスワードを変更する', { kind: 'button' });
  await app.scrollTo('パスワードを変更しました。', { kind: 'text' });
  const typed = (await app.widgets()).filter((w) => w.kind === 'input' && /パスワード/.test(w.label) && w.value !== '');
  assert.deepEqual(typed, [], 'every password field is emptied');
  assert.deepEqual(app.problems, []);
  await app.close();
});
