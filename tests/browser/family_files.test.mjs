// Photos and shared visits in the end-to-end encrypted family space (issues 6 and 7), on the
// demo's family space (patient 1, 田中 ハナ). The family member attaches a photo: the page makes
// its thumbnail, encrypts the photo with a key of its own (crypto_secretstream) and sends only
// ciphertext; the name, the type, the key and the thumbnail travel inside the encrypted memo. A
// nurse in another browser sees the thumbnail and opens the photo, decrypted and verified in her
// page. Afterwards neither the server's stored chunks nor a pg_dump hold the photo's bytes
// (a PNG text chunk with a unique marker) or its name. The nurse shares a visit; the family
// sees it under 「これからの予定」, and has no way to share one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { startEnvironment, demoAccounts, cutSecondUploadPatch, fullViewNameInk } from './harness.mjs';
import { png } from './png.mjs';

const execFileAsync = promisify(execFile);
const password = (login) => demoAccounts().find((a) => a.login === login).password;
const FAMILY = 'tanaka-ichiro';
const NURSE = 'yukiwari-hasegawa';
const PATIENT = 1;
const MARKER = `MIMAMORI-FAMILY-PHOTO-${crypto.randomBytes(6).toString('hex')}`;
const NAME = `さんぽ道-${crypto.randomBytes(3).toString('hex')}.png`;

let env;
before(async () => { env = await startEnvironment({ label: 'family_files', demo: true }); });
after(async () => { await env?.stop(); });

// A real PNG, 400 x 300, a colour gradient, with a tEXt chunk holding MARKER.
const markedPng = () => png(400, 300, (x, y) => [x % 256, y % 256, 160, 255], { text: MARKER });

async function signedIn(login, viewport = { width: 1024, height: 2400 }, { hasTouch = false } = {}) {
  const app = await env.openApp({ path: '/signin', viewport, acceptDownloads: true, hasTouch });
  await app.signIn(login, password(login));
  await app.settle();
  return app;
}

async function openSpace(app, asFamily) {
  if (!asFamily) await app.go(`/patients/${PATIENT}/family-space`);
  await app.waitFor('家族の連絡帳', { kind: 'heading', timeout: 20000 });
  await app.waitFor('これからの予定', { kind: 'heading', timeout: 20000 });
}

async function until(what, check, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = await check();
    if (found) return found;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function sql(query) {
  const { stdout } = await execFileAsync('/usr/lib/postgresql/15/bin/psql',
    ['-At', '-d', env.server.databaseUrl, '-c', query]);
  return stdout.trim();
}

async function pgDump() {
  const { stdout } = await execFileAsync('/usr/lib/postgresql/15/bin/pg_dump', ['--no-owner', '-d', env.server.databaseUrl],
    { maxBuffer: 512 * 1024 * 1024 });
  return stdout;
}

// "2026-12-03" in Japan, `days` from today.
function japanDate(days) {
  return new Date(Date.now() + 9 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

test('a family photo goes up encrypted; the nurse sees its thumbnail and opens it; the server never holds it', async () => {
  const photo = markedPng();
  assert.ok(photo.includes(Buffer.from(MARKER)));
  const family = await signedIn(FAMILY);
  await openSpace(family, true);
  // The family cannot share a visit (the team only).
  assert.equal(await family.find('ご家族に予定を知らせる'), null);

  await family.chooseFile('ファイルを添付', [{ name: NAME, mimeType: 'image/png', buffer: photo }]);
  await until('the upload', async () => (await family.find(`upload ${NAME}`, { kind: 'item' }))?.value === '100%');
  await family.fill('メッセージ', '散歩の写真です');
  await until('the send button', async () => {
    const send = (await family.widgets()).find((w) => w.label === '送る' && w.kind === 'button');
    return send?.enabled ? send : null;
  });
  await family.click('送る', { kind: 'button' });
  await until('the photo in the family timeline', () => family.find(`photo ${NAME}`, { kind: 'button' }));

  // What the server keeps: one family upload, opaque, nameless.
  const listed = await family.api('GET', `patients/${PATIENT}/files?space=family`);
  assert.equal(listed.status, 200);
  assert.equal(listed.body.files.length, 1);
  const stored = listed.body.files[0];
  assert.equal(stored.name, '');
  assert.equal(stored.preview, 'none');
  assert.equal(stored.media_type, 'application/octet-stream');
  assert.ok(stored.size > photo.length, 'ciphertext: the photo plus the stream header and tags');

  // The nurse, in another browser (a touch screen): the thumbnail, then the photo full size,
  // decrypted in her page, in the files layer's viewer -- zoomed with its buttons, the wheel and
  // two fingers as a professional photo is (files.test.mjs).
  const nurse = await signedIn(NURSE, undefined, { hasTouch: true });
  await openSpace(nurse, false);
  await nurse.scrollTo('散歩の写真です', { kind: 'text' });
  const thumb = await until('the thumbnail', () => nurse.find(`photo ${NAME}`, { kind: 'button' }));
  await nurse.clickWidget(thumb);
  const view = await until('the full view', () => nurse.find(`view ${NAME}`, { kind: 'image' }));
  assert.equal(view.value, '400x300 zoom 100%');
  await nurse.screenshot('family-photo-view.png');
  const ink = await fullViewNameInk(nurse, NAME); // light on the dark, as in files.test.mjs
  assert.ok(ink.background > 0.5 && ink.ink > 0.04, `the name is light on dark: ${JSON.stringify(ink)}`);
  const zoom = async () => (await nurse.find(`view ${NAME}`, { kind: 'image' })).value;
  await nurse.click('拡大', { kind: 'button' });
  assert.equal(await zoom(), '400x300 zoom 125%');
  const middle = [view.rect.x + view.rect.w / 2, view.rect.y + view.rect.h / 2];
  await nurse.page.mouse.move(...middle);
  await nurse.page.mouse.wheel(0, -100); // zooms the photo, does not scroll the timeline behind it
  await nurse.settle();
  assert.equal(await zoom(), '400x300 zoom 156%');
  // One finger moves the photo (no zoom); two fingers spread from 100 to 300 pixels zoom it three times.
  await nurse.swipe(middle[0], middle[1], -150);
  assert.equal(await zoom(), '400x300 zoom 156%');
  await nurse.pinch(middle[0], middle[1], 100, 300);
  assert.match(await zoom(), /^400x300 zoom 4[67]\d%$/, 'zoomed three times by the pinch');
  await nurse.screenshot('family-photo-zoomed.png');
  assert.ok(await nurse.find('閉じる', { kind: 'button' }), 'the pinch pressed nothing under the fingers');
  await nurse.click('全体', { kind: 'button' });
  assert.equal(await zoom(), '400x300 zoom 100%');
  // Zooming out stops at a quarter, however often it is asked.
  for (let i = 0; i < 8; i++) await nurse.click('縮小', { kind: 'button' });
  assert.equal(await zoom(), '400x300 zoom 25%');
  await nurse.click('閉じる', { kind: 'button' });
  assert.equal(await nurse.find(`view ${NAME}`, { kind: 'image' }), null, 'closed');

  // The server's stored bytes and a full dump: neither the marker nor the name, in text or hex.
  const hex = (s) => Buffer.from(s, 'utf8').toString('hex');
  assert.equal(await sql(`SELECT count(*) FROM file_chunks WHERE position('\\x${hex(MARKER)}'::bytea IN data) > 0`), '0');
  assert.equal(await sql(`SELECT count(*) FROM file_chunks WHERE position('\\x${hex(NAME)}'::bytea IN data) > 0`), '0');
  assert.equal(await sql(`SELECT sum(length(data)) FROM file_chunks`), String(stored.size));
  const dump = await pgDump();
  assert.match(dump, /COPY public\.file_chunks/);
  for (const secret of [MARKER, NAME]) {
    assert.ok(!dump.includes(secret), `${secret} in the dump`);
    assert.ok(!dump.includes(hex(secret)), `${secret} (hex) in the dump`);
  }
  assert.deepEqual(family.problems, []);
  assert.deepEqual(nurse.problems, []);

  // A stored byte flipped by someone with the database (its row digest made to match, so the
  // server sends it): a fresh page of the nurse refuses the photo instead of showing it.
  await sql(`UPDATE file_chunks SET data = set_byte(data, 5000, get_byte(data, 5000) # 1)`);
  await sql(`UPDATE file_chunks SET sha256 = sha256(int8send(file_id) || int8send(first_byte) || data)`);
  const again = await signedIn(NURSE);
  await openSpace(again, false);
  await again.scrollTo('散歩の写真です', { kind: 'text' });
  await again.clickWidget(await until('the thumbnail', () => again.find(`photo ${NAME}`, { kind: 'button' })));
  await until('the refusal', () => again.find('photo unverifiable'));
  assert.equal(await again.find(`view ${NAME}`, { kind: 'image' }), null);
  await again.screenshot('family-photo-unverifiable.png');
  await again.click('閉じる', { kind: 'button' });
});

test('a nurse shares a visit; the family sees it under これからの予定', async () => {
  const nurse = await signedIn(NURSE);
  await openSpace(nurse, false);
  const what = `訪問看護テスト${crypto.randomBytes(2).toString('hex')}`;
  await nurse.click('ご家族に予定を知らせる');
  // A bad time is refused in the page, by field.
  await nurse.fill('日付（例 2026-12-03）', japanDate(1));
  await nurse.fill('時刻（例 10:00）', '25:00');
  await nurse.fill('内容（例 訪問看護）', what);
  await nurse.click('予定を知らせる', { kind: 'button' });
  await until('the time problem', async () => (await nurse.widgets()).find((w) => /time|時刻/.test(w.label) && w.kind === 'text' && w.label !== '時刻（例 10:00）'));
  await nurse.fill('時刻（例 10:00）', '10:00');
  await nurse.click('予定を知らせる', { kind: 'button' });
  await until('the shared notice', () => nurse.find('予定を知らせました'));

  const family = await signedIn(FAMILY, { width: 390, height: 1800 });
  await openSpace(family, true);
  const entry = await until('the entry', () => family.find(`schedule ${what}`));
  assert.match(entry.value, /10:00/);
  const heading = await family.find('これからの予定', { kind: 'heading' });
  assert.ok(heading.rect.y < entry.rect.y);
  await family.screenshot('family-schedule-390.png');
  // The help says plainly what the server cannot see of photos and files.
  await family.scrollTo('サーバーに見えるもの・見えないもの');
  await family.click('サーバーに見えるもの・見えないもの');
  await until('the help on files', async () => (await family.widgets())
    .find((w) => w.kind === 'text' && w.label.includes('写真やファイルの中身と名前')));
  const dump = await pgDump();
  assert.ok(!dump.includes(what), 'the visit is not stored in the clear');
  assert.deepEqual(family.problems, []);
});

test('a family photo whose upload is cut halfway resumes from the server\'s offset and still decrypts', async () => {
  const family = await signedIn(FAMILY, { width: 1280, height: 2400 });
  await openSpace(family, true);
  const name = `リハビリ-${crypto.randomBytes(3).toString('hex')}.png`;
  const big = png(1200, 1150); // 5.5 MB of noise: two upload chunks of the app's 5 MiB
  // The encrypted chunk 0: the stream header and 80 pieces of 64 KiB, each 17 bytes longer.
  const firstChunk = 24 + 80 * (65536 + 17);
  const cut = await cutSecondUploadPatch(family.page);
  const { patches } = cut;
  await family.chooseFile('ファイルを添付', [{ name, mimeType: 'image/png', buffer: big }]);
  await until('the upload', async () => (await family.find(`upload ${name}`, { kind: 'item' }))?.value === '100%', 60000);
  assert.deepEqual(patches, [0, firstChunk, firstChunk], 'the cut chunk is sent again, as encrypted the first time');
  assert.equal(cut.heads, 1);
  await family.page.unroute('**/api/v1/uploads/*');
  await until('the send button', async () => {
    const send = (await family.widgets()).find((w) => w.label === '送る' && w.kind === 'button');
    return send?.enabled ? send : null;
  });
  await family.click('送る', { kind: 'button' });
  // A thumbnail of noise needs the smaller, coarser tries to fit the memo: it still comes.
  const thumb = await until('the photo', () => family.find(`photo ${name}`, { kind: 'button' }));
  await family.screenshot('family-space-1280.png');
  await family.clickWidget(thumb);
  const view = await until('the full view', () => family.find(`view ${name}`, { kind: 'image' }), 60000);
  assert.equal(view.value, '1200x1150 zoom 100%');
  await family.click('閉じる', { kind: 'button' });
  assert.deepEqual(family.problems.filter((p) => !p.includes('net::ERR_CONNECTION_RESET')), []);
});

test('a family document is saved by the other member decrypted, under its own name', async () => {
  const family = await signedIn(FAMILY);
  await openSpace(family, true);
  const name = `お薬の説明-${crypto.randomBytes(3).toString('hex')}.pdf`;
  const marker = `MIMAMORI-FAMILY-PDF-${crypto.randomBytes(6).toString('hex')}`;
  const pdf = Buffer.from(`%PDF-1.4\n% ${marker}\n${'x'.repeat(200000)}\n%%EOF\n`, 'latin1');
  await family.chooseFile('ファイルを添付', [{ name, mimeType: 'application/pdf', buffer: pdf }]);
  await until('the upload', async () => (await family.find(`upload ${name}`, { kind: 'item' }))?.value === '100%');
  await family.fill('メッセージ', 'お薬の説明書です');
  await until('the send button', async () => {
    const send = (await family.widgets()).find((w) => w.label === '送る' && w.kind === 'button');
    return send?.enabled ? send : null;
  });
  await family.click('送る', { kind: 'button' });

  const nurse = await signedIn(NURSE);
  await openSpace(nurse, false);
  await nurse.scrollTo('お薬の説明書です', { kind: 'text' });
  const row = new RegExp(`^${name.replace(/[.]/g, '\\.')}  \\(\\d+ KB\\)$`);
  const save = await until('the save button', () => nurse.findInRow(row, '保存する').catch(() => null));
  const download = nurse.page.waitForEvent('download');
  await nurse.clickWidget(save);
  const file = await download;
  assert.equal(file.suggestedFilename(), name);
  const saved = fs.readFileSync(await file.path());
  assert.ok(saved.equals(pdf), 'the saved file is the original, byte for byte');
  assert.equal(await sql(`SELECT count(*) FROM file_chunks WHERE position('\\x${Buffer.from(marker).toString('hex')}'::bytea IN data) > 0`), '0');
  assert.deepEqual(nurse.problems, []);
});
