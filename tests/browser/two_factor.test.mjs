// Two-factor sign-in end to end: enrolment with the QR code the app draws (decoded from a
// screenshot by zbarimg, at devicePixelRatio 1 and 2), confirmation with a code computed here
// from the secret shown, the recovery codes printed, then signing in with a code and with a
// recovery code (once only).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startEnvironment, demoAccount } from './harness.mjs';
import { totp } from './totp.mjs';

const execFileAsync = promisify(execFile);

let env;
before(async () => { env = await startEnvironment({ label: 'two_factor', demo: true }); });
after(async () => { await env?.stop(); });

const SECRET = /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/;
const RECOVERY = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

// Starts the enrolment on the account screen; returns what the screen shows.
async function startEnrolment(app, name) {
  await app.go('/account');
  await app.click('2段階認証を設定する', { kind: 'button' });
  const qr = await app.waitFor('two-factor-qr', { kind: 'image' });
  const secretText = await app.waitFor(SECRET, { kind: 'text' });
  const file = await app.screenshot(name);
  const { stdout } = await execFileAsync('zbarimg', ['--raw', '-q', file]);
  return { qr, secret: secretText.label.replace(/ /g, ''), decoded: stdout.trim() };
}

function checkQr({ qr, secret, decoded }, login, ratio) {
  assert.match(decoded, /^otpauth:\/\/totp\//, 'the QR code on screen decodes to an otpauth URI');
  const uri = new URL(decoded);
  assert.equal(uri.searchParams.get('secret'), secret, 'the QR code holds the secret shown as text');
  assert.equal(uri.searchParams.get('issuer'), 'Mimamori');
  assert.ok(decodeURIComponent(uri.pathname).endsWith(login), 'the account is the login id');
  // Whole device pixels per module, quiet zone of 4 included: crisp edges.
  const modules = Number(qr.value) + 8;
  const perModule = (qr.rect.w * ratio) / modules;
  assert.ok(Math.abs(perModule - Math.round(perModule)) < 0.01 && perModule >= 2, `${perModule} px per module`);
}

test('enrolment at devicePixelRatio 2, recovery codes printed, then sign-in with a code and a recovery code', async () => {
  const user = demoAccount('facility_user');
  const app = await env.openApp({ deviceScaleFactor: 2 });
  await app.signIn(user.login, user.password);
  await app.waitFor('ホーム', { kind: 'button' });
  const enrolment = await startEnrolment(app, 'two-factor-qr-dpr2.png');
  checkQr(enrolment, user.login, 2);

  // A wrong code is refused; the right one turns it on and shows the recovery codes once.
  app.expectHttp(401, '/api/v1/me/two-factor/confirm');
  app.expectHttp(400, '/api/v1/me/two-factor/confirm');
  const wrong = String((Number(totp(enrolment.secret)) + 1) % 1000000).padStart(6, '0');
  await app.fill('確認コード（6桁）', wrong);
  await app.click('確認して有効にする', { kind: 'button' });
  await app.waitFor(/^確認コードが違います/, { kind: 'text' });
  await app.fill('確認コード（6桁）', totp(enrolment.secret));
  await app.click('確認して有効にする', { kind: 'button' });
  await app.waitFor('2段階認証を有効にしました。', { kind: 'text' });
  const codes = (await app.widgets()).filter((w) => w.kind === 'text' && RECOVERY.test(w.label)).map((w) => w.label);
  assert.equal(codes.length, 10, 'ten recovery codes');
  assert.equal(new Set(codes).size, 10);
  await app.screenshot('two-factor-recovery-codes.png');

  // Printing puts the codes, and only while printing, in the print-only part of the page.
  await app.page.evaluate(() => {
    window.print = () => { window.printedText = document.getElementById('mimamori-print').innerText; };
  });
  await app.click('印刷する', { kind: 'button' });
  const printed = await app.page.evaluate(() => window.printedText);
  for (const code of codes) assert.ok(printed.includes(code), `${code} is printed`);
  assert.ok(printed.includes(user.login));
  assert.equal(await app.page.evaluate(() => document.getElementById('mimamori-print').innerText), '',
    'nothing is left in the page after printing');

  assert.equal((await app.scrollTo('完了', { kind: 'button' })).enabled, false, 'done only once saved');
  await app.check('リカバリーコードを保存しました');
  await app.click('完了', { kind: 'button' });
  await app.waitFor('2段階認証は有効です。', { kind: 'text' });
  assert.equal((await app.widgets()).filter((w) => RECOVERY.test(w.label)).length, 0, 'the codes are gone');

  // Sign out; the password alone now leads to the second step (401 two_factor_required).
  app.expectHttp(401, '/api/v1/session');
  await app.click('サインアウト', { kind: 'button' });
  await app.signIn(user.login, user.password);
  await app.waitFor('2段階認証', { kind: 'heading' });
  // The next step's code: the one just used for the confirmation may not be used again.
  await app.fill('確認コード（6桁）', totp(enrolment.secret, Date.now() / 1000 + 30));
  await app.click('確認', { kind: 'button' });
  await app.waitFor('ホーム', { kind: 'button' });
  assert.equal(await app.route(), '/');

  // A recovery code instead of the app, once.
  await app.click('サインアウト', { kind: 'button' });
  for (const attempt of ['first', 'again']) {
    await app.signIn(user.login, user.password);
    await app.waitFor('2段階認証', { kind: 'heading' });
    await app.click('認証アプリを使えないときは、リカバリーコードを使う', { kind: 'link' });
    await app.fill('リカバリーコード', codes[3].toLowerCase().replace(/-/g, ' '));
    await app.click('確認', { kind: 'button' });
    if (attempt === 'first') {
      await app.waitFor('ホーム', { kind: 'button' });
      await app.click('サインアウト', { kind: 'button' });
    } else {
      await app.waitFor('リカバリーコードが違うか、すでに使われています。', { kind: 'text' });
    }
  }
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('the QR code at devicePixelRatio 1 is crisp and decodes; cancelling leaves two-factor off', async () => {
  const manager = demoAccount('facility_manager');
  const app = await env.openApp({ deviceScaleFactor: 1 });
  await app.signIn(manager.login, manager.password);
  await app.waitFor('ホーム', { kind: 'button' });
  const enrolment = await startEnrolment(app, 'two-factor-qr-dpr1.png');
  checkQr(enrolment, manager.login, 1);
  await app.click('キャンセル', { kind: 'button' });
  await app.waitFor('2段階認証は設定されていません。', { kind: 'text' });
  assert.equal(await app.find('two-factor-qr', { kind: 'image' }), null);
  await app.close();
});
