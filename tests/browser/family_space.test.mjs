// The end-to-end encrypted family space in the app (issue 6), on the demo's family space (patient
// 1, 田中 ハナ: memos by the son and the visiting nurse, encrypted at load time). The family member
// and the nurse sign in, their keys are unwrapped in the page, and they exchange messages that
// leave the browser only encrypted: afterwards neither a pg_dump of the database nor the
// server's log holds their text. Signing out leaves nothing of the keys in browser storage. A
// member who forgot the password restores access with the recovery code; one who lost both makes
// new keys and gets the space's keys again when the nurse opens the space.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEnvironment, demoAccounts, DEMO_DIR } from './harness.mjs';

const execFileAsync = promisify(execFile);
const demo = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'family_space.json'), 'utf8'));
const password = (login) => demoAccounts().find((a) => a.login === login).password;
const FAMILY = 'tanaka-ichiro';
const NURSE = 'yukiwari-hasegawa';
const PATIENT = 1; // the demo's first patient (ids follow the files' order in an empty database)
const NEWEST_DEMO = demo.memos[demo.memos.length - 1].text;

let env;
before(async () => { env = await startEnvironment({ label: 'family_space', demo: true }); });
after(async () => { await env?.stop(); });

async function signedIn(login, pw = password(login)) {
  const app = await env.openApp({ path: '/signin' });
  await app.signIn(login, pw);
  await app.settle();
  return app;
}

async function openSpace(app, asFamily) {
  if (!asFamily) await app.go(`/patients/${PATIENT}/family-space`);
  await app.waitFor('家族の連絡帳', { kind: 'heading', timeout: 20000 });
}

// A message of the timeline, once the space has loaded, scrolled into view.
async function seeText(app, text, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await app.scrollTo(text, { kind: 'text' });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await app.page.waitForTimeout(300);
    }
  }
}

// The nearest button labelled `label` below the text `text` (a message's reaction buttons).
async function buttonUnder(app, text, label) {
  const widgets = await app.widgets();
  const row = widgets.find((w) => w.label === text);
  const below = widgets.filter((w) => w.label === label && w.kind === 'button' && w.rect.y > row.rect.y)
    .sort((a, b) => a.rect.y - b.rect.y);
  return below[0] || null;
}

async function send(app, text) {
  await app.fill('メッセージ', text);
  await app.click('送る', { kind: 'button' });
  await app.waitFor('送る', { kind: 'button' });
  await seeText(app, text);
}

async function pgDump() {
  const { stdout } = await execFileAsync('/usr/lib/postgresql/15/bin/pg_dump', ['--no-owner', '-d', env.server.databaseUrl],
    { maxBuffer: 512 * 1024 * 1024 });
  return stdout;
}

test('a family member and a nurse exchange messages that only their browsers can read', async () => {
  const family = await signedIn(FAMILY);
  await openSpace(family, true);
  // The keys were unwrapped at sign-in: the demo's messages show, decrypted in the page.
  await seeText(family, NEWEST_DEMO);
  const fromFamily = `母は夕方から少し熱っぽいです ${Date.now()}`;
  await send(family, fromFamily);

  const nurse = await signedIn(NURSE);
  await openSpace(nurse, false);
  await seeText(nurse, fromFamily);
  assert.ok(await nurse.find(/【長男】 田中 一郎/, { kind: 'text' }), 'the writer with their relation');
  const fromNurse = `明日の朝に伺って様子を見ます ${Date.now()}`;
  await send(nurse, fromNurse);

  await family.click('新しいメッセージを見る', { kind: 'button' });
  await seeText(family, fromNurse);
  assert.ok(await family.find(/【看護師】 長谷川/, { kind: 'text' }), 'the writer with their profession');
  // One tap: ありがとう on the nurse's message.
  const thanks = await buttonUnder(family, fromNurse, 'ありがとう 0');
  assert.ok(thanks, 'a reaction button under the message');
  await family.clickWidget(thanks);
  await family.scrollTo('ありがとう 1', { kind: 'button' });
  assert.equal(await family.find('確認できないメモ', { kind: 'text' }), null, 'every message verifies');

  // Nothing readable left the browsers: not in the database, not in the server's log.
  const dump = await pgDump();
  assert.match(dump, /COPY public\.family_memos/);
  for (const text of [fromFamily, fromNurse, ...demo.memos.map((m) => m.text)]) {
    assert.ok(!dump.includes(text), `the dump holds "${text}"`);
    assert.ok(!env.server.log().includes(text), `the log holds "${text}"`);
  }
  assert.deepEqual(family.problems, []);
  assert.deepEqual(nurse.problems, []);
  await family.close();
  await nurse.close();
});

test('a message altered in the database is shown as one that cannot be verified', async () => {
  const flip = `UPDATE family_memos SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1)
                 WHERE id = (SELECT min(id) FROM family_memos WHERE patient_id = ${PATIENT})`;
  await env.server.sql(flip);
  const nurse = await signedIn(NURSE);
  await openSpace(nurse, false);
  await seeText(nurse, '確認できないメモ');
  assert.equal(await nurse.find(demo.memos[0].text, { kind: 'text' }), null, 'never shown as text');
  await seeText(nurse, NEWEST_DEMO);
  await nurse.close();
  await env.server.sql(flip); // as it was, for the tests that follow
});

test('signing out leaves no key material in browser storage', async () => {
  const family = await signedIn(FAMILY);
  await openSpace(family, true);
  await seeText(family, NEWEST_DEMO);
  await family.click('サインアウト', { kind: 'button' });
  await family.waitFor('サインイン', { kind: 'heading' });
  const storage = await family.page.evaluate(async () => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
    const databases = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
    return { local: dump(localStorage), session: dump(sessionStorage), databases, cookie: document.cookie };
  });
  assert.deepEqual(storage.databases, [], 'no IndexedDB');
  assert.deepEqual(storage.session, {}, 'nothing in sessionStorage');
  for (const [key, value] of Object.entries(storage.local)) {
    assert.ok(value.length <= 16, `localStorage ${key} holds only a short setting: ${value}`);
  }
  // The public keys the server lists are not secret, but none of the key's bytes is stored.
  const other = await signedIn(FAMILY);
  const keys = await other.api('GET', 'me/keys');
  await other.close();
  const stored = JSON.stringify(storage);
  for (const v of [keys.body.keys.public_keys.x25519, keys.body.keys.password_wrap.ciphertext]) {
    assert.ok(!stored.includes(v.slice(0, 12)), 'no key bytes in storage');
  }
  await family.close();
});

test('the nurse checks the family member\'s safety code at a visit and marks it verified', async () => {
  const nurse = await signedIn(NURSE);
  await openSpace(nurse, false);
  await seeText(nurse, NEWEST_DEMO);
  await nurse.click('メンバーと鍵の確認');
  await nurse.scrollTo('わたしの確認番号', { kind: 'heading' });
  const own = await nurse.scrollTo(/^\d{5}( \d{5}){5}$/, { kind: 'text' });
  assert.ok(own, 'her own safety code, six groups of five digits');
  assert.ok(await nurse.find('family-my-qr', { kind: 'image' }), 'and as a QR code');
  // The family member's row: not verified yet; the code shown, compared, marked.
  await nurse.scrollTo('未確認', { kind: 'text' });
  await nurse.click('確認番号', { kind: 'link' });
  await nurse.click('番号が一致しました', { kind: 'button' });
  await nurse.scrollTo('確認済み', { kind: 'text' });
  assert.deepEqual(nurse.problems, []);
  await nurse.close();
});

test('the recovery code restores a forgotten password, and another member re-shares lost keys', async () => {
  // The password changed without the keys (as a reset by the secretariat would): the wrap no
  // longer opens with it.
  const before = await signedIn(FAMILY);
  const newPassword = 'Atarashii-Aikotoba-2026!';
  const changed = await before.api('PUT', 'me/password', { current_password: password(FAMILY), new_password: newPassword });
  assert.equal(changed.status, 204);
  await before.close();

  const family = await signedIn(FAMILY, newPassword);
  await openSpace(family, true);
  await family.waitFor('連絡帳を開く', { kind: 'heading', timeout: 20000 });
  await family.fill('パスワード', newPassword);
  await family.click('開く', { kind: 'button' });
  await family.waitFor('パスワードが違います（または鍵が変わっています）。', { kind: 'text', timeout: 20000 });
  await family.click('パスワードを忘れた・変えた場合', { kind: 'link' });
  await family.fill('回復コード', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
  await family.fill('いまのパスワード', newPassword);
  await family.click('回復コードで開く', { kind: 'button' });
  await family.waitFor('回復コードが違います。', { kind: 'text', timeout: 20000 });
  await family.fill('回復コード', demo.recovery_codes[FAMILY].toLowerCase());
  await family.fill('いまのパスワード', newPassword);
  await family.click('回復コードで開く', { kind: 'button' });
  await family.waitFor('回復コード（一度だけ表示します）', { kind: 'heading', timeout: 30000 });
  const code = (await family.waitFor(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){5}$/, { kind: 'text' })).label;
  assert.notEqual(code, demo.recovery_codes[FAMILY], 'a new code replaces the used one');
  await family.click('保管しました', { kind: 'button' });
  await seeText(family, NEWEST_DEMO);
  await family.close();

  // The new password opens the keys at the next sign-in.
  const again = await signedIn(FAMILY, newPassword);
  await openSpace(again, true);
  await seeText(again, NEWEST_DEMO);

  // Both lost: new keys. Nothing can be read until another member shares the keys again.
  await again.page.evaluate(() => window.location.reload());
  await again.waitReady();
  await again.waitFor('連絡帳を開く', { kind: 'heading', timeout: 20000 });
  await again.click('パスワードを忘れた・変えた場合', { kind: 'link' });
  await again.click('回復コードもない場合', { kind: 'link' });
  await again.fill('いまのパスワード', newPassword);
  await again.click('新しい鍵を作る', { kind: 'button' });
  await again.waitFor('回復コード（一度だけ表示します）', { kind: 'heading', timeout: 30000 });
  await again.click('保管しました', { kind: 'button' });
  await again.waitFor('まだ鍵が届いていません。ほかのメンバーが連絡帳を開くと読めるようになります。', { kind: 'text', timeout: 20000 });
  assert.equal(await again.find(NEWEST_DEMO, { kind: 'text' }), null);

  // The nurse opens the space: her browser seals every epoch's key to the new keys.
  const nurse = await signedIn(NURSE);
  await openSpace(nurse, false);
  await seeText(nurse, NEWEST_DEMO);
  await nurse.settle();
  // She had verified his key: its change is warned about.
  await nurse.click('メンバーと鍵の確認');
  await nurse.scrollTo('鍵が変わりました', { kind: 'text' });
  await nurse.close();

  await again.click('新しいメッセージを見る', { kind: 'button' });
  await seeText(again, NEWEST_DEMO);
  // The family member's own earlier messages still verify, with the keys they had then.
  assert.equal(await again.find('確認できないメモ', { kind: 'text' }), null);
  await again.close();
});

test('a password change in the app re-wraps the keys: the new password opens the space at once', async () => {
  const nurse = await signedIn(NURSE);
  await openSpace(nurse, false);
  await seeText(nurse, NEWEST_DEMO); // unlocked at sign-in: what the change re-wraps
  const before = (await nurse.api('GET', 'me/keys')).body.keys;
  await nurse.go('/account');
  const fresh = 'Kango-Atarashii-2026!';
  await nurse.fill('現在のパスワード', password(NURSE));
  await nurse.fill('新しいパスワード', fresh);
  await nurse.fill('新しいパスワード（確認のためもう一度）', fresh);
  await nurse.click('パスワードを変更する', { kind: 'button' });
  await nurse.scrollTo('パスワードを変更しました。', { kind: 'text' });
  const after = (await nurse.api('GET', 'me/keys')).body.keys;
  assert.deepEqual(after.public_keys, before.public_keys, 'the same keys');
  assert.notEqual(after.password_wrap.kdf.salt, before.password_wrap.kdf.salt, 'wrapped anew');
  assert.equal(after.password_wrap.kdf.alg, 'argon2id13', 'with its Argon2id parameters recorded');
  assert.ok(after.password_wrap.kdf.memlimit >= 64 * 1024 * 1024);
  assert.deepEqual(nurse.problems, []);
  await nurse.close();

  // Signed in with the new password, the space opens without asking for it.
  const again = await signedIn(NURSE, fresh);
  await openSpace(again, false);
  await seeText(again, NEWEST_DEMO);
  assert.equal(await again.find('連絡帳を開く', { kind: 'heading' }), null);
  await again.close();
});

test('removing a member starts a new epoch in the next member\'s browser, sealed to the others only', async () => {
  const DOCTOR = 'asuwa-kobayashi';
  const members = async (app) => (await app.api('GET', `patients/${PATIENT}/family/members`)).body;
  const admin = await signedIn('jimukyoku-kanri');
  const son = (await admin.api('GET', `patients/${PATIENT}/family-accounts`)).body.accounts.find((a) => a.name === '田中 一郎');
  assert.ok(son, 'the demo family account');
  const doctor = await signedIn(DOCTOR);
  const before = await members(doctor);
  assert.equal(before.space.needs_rotation, false);
  assert.equal((await admin.api('DELETE', `family-accounts/${son.id}`)).status, 204);
  await admin.close();
  assert.equal((await members(doctor)).space.needs_rotation, true, 'the removed member holds the current key');

  // The doctor opens the space: her browser makes the next epoch's key and seals it to the members who stay.
  await openSpace(doctor, false);
  await seeText(doctor, NEWEST_DEMO);
  let after = await members(doctor);
  // Waited for by time, not by a count of polls (each poll is slower on a loaded machine).
  for (const deadline = Date.now() + 30000; after.space.current_epoch === before.space.current_epoch &&
    Date.now() < deadline;) {
    await doctor.page.waitForTimeout(200);
    after = await members(doctor);
  }
  const epoch = after.space.current_epoch;
  assert.equal(epoch, before.space.current_epoch + 1);
  assert.equal(after.space.needs_rotation, false);
  const former = after.members.find((m) => m.name === '田中 一郎');
  assert.ok(!former || !former.current, 'no longer a current member');
  assert.ok(!former || !former.epochs.includes(epoch), 'the new key is not sealed to the removed member');
  for (const m of after.members.filter((x) => x.current && x.keys)) {
    assert.ok(m.epochs.includes(epoch), `${m.name} holds the new key`);
  }
  // New memos are written under it (typed while the browser reloads the space after the
  // rotation: the composer stays on screen), and the earlier ones still read.
  // The composer is up the page, maybe half under the app's header: the harness scrolls it wholly
  // below the header before it clicks (else the typing would go nowhere).
  await send(doctor, `新しい鍵で書きました ${Date.now()}`);
  assert.equal(await doctor.find('確認できないメモ', { kind: 'text' }), null);
  assert.deepEqual(doctor.problems, []);
  await doctor.close();
});
