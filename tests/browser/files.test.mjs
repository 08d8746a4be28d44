// File sharing in the app (issue 7): a nurse attaches a photo on the patient screen and watches
// its progress (percent, speed, time left), a colleague of the same care team sees its thumbnail
// in another browser and opens it full size with zoom; an upload whose connection is cut halfway
// resumes from the server's offset and arrives byte for byte; a program renamed .jpg, a refused
// extension, a file over the server's limit and an empty file are each shown as a clear error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startEnvironment, cutSecondUploadPatch, fullViewNameInk } from './harness.mjs';
import { png } from './png.mjs';
import { account, signedIn } from './care_support.mjs';

const LIMIT = 8_000_000; // the server's --max-upload-bytes for this file's tests
const CHUNK = 5 * 1024 * 1024; // the app's chunk size

let env;
before(async () => {
  process.env.MIMAMORI_MAX_UPLOAD_BYTES = String(LIMIT);
  env = await startEnvironment({ label: 'files', demo: true });
});
after(async () => { await env?.stop(); });

// Two members of patient 2's care team, whose consent is in force (assets/demo/
// accounts.json "patients"; patient 4's consent was withdrawn, which locks the team).
const NURSE = 'chuo-nakamura';
const COLLEAGUE = 'yukiwari-hasegawa';
const PATIENT = 2;
assert.ok(account(NURSE).patients.includes(PATIENT) && account(COLLEAGUE).patients.includes(PATIENT));

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

// Opens the patient screen's files area and chooses `files` ({name, mimeType, buffer}) in the
// browser's picker, which the "attach files" button opens.
async function attach(app, files) {
  await app.chooseFile('ファイルを添付', files);
}

// A tall window by default: the patient screen's files area, its uploads and its list in view.
async function patientScreen(login, { height = 3200, hasTouch = false } = {}) {
  const app = await signedIn(env, login, { viewport: { width: 1024, height }, hasTouch });
  await app.go(`/patients/${PATIENT}`);
  await app.scrollTo('ファイル', { kind: 'heading' });
  return app;
}

// The progress widget of an upload, while it is on screen.
const progressOf = (app, name) => app.find(`upload ${name}`, { kind: 'item' });

// The bytes the server gives back for the file called `name` in the patient's list.
async function downloaded(app, name) {
  const listed = await app.api('GET', `patients/${PATIENT}/files`);
  assert.equal(listed.status, 200);
  const file = listed.body.files.find((f) => f.name === name);
  assert.ok(file, `${name} is listed`);
  const hex = await app.page.evaluate(async (url) => {
    const r = await fetch(url.slice(1), { credentials: 'same-origin' });
    const digest = await crypto.subtle.digest('SHA-256', await r.arrayBuffer());
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  }, file.url);
  return { file, hex };
}

test('a photo goes up with its progress shown; a colleague sees its thumbnail and opens it with zoom (buttons, wheel, two fingers)', async () => {
  const app = await patientScreen(NURSE);
  // Throttled hard (2.5 MB at 200 KB/s: at least 12 s of sending, however loaded the machine is)
  // until the bar has been seen between 0 and 100 and the status line with a speed and a time
  // left; then the throttle is lifted and the upload finishes at full speed.
  const cdp = await app.context.newCDPSession(app.page);
  const throttle = (uploadThroughput) => cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: uploadThroughput < 0 ? 0 : 20, downloadThroughput: -1, uploadThroughput });
  await throttle(200_000);
  const name = '褥瘡の写真 2026年11月.png';
  const photo = png(900, 700); // 2.5 MB of noise: one chunk
  await attach(app, [{ name, mimeType: 'image/png', buffer: photo }]);

  const seen = new Set();
  const statuses = new Set();
  // A speed is only measured once bytes have moved: "0 B/s" may be shown before (or while stalled),
  // but then without a time left.
  const measured = (line) => /送信中 +[\d.]+ (KB|MB)\/s +残り \d+(秒|分)/.test(line);
  const between = () => [...seen].filter((v) => v !== '0%' && v !== '100%');
  let throttled = true;
  const deadline = Date.now() + 60000;
  for (;;) {
    const widgets = await app.widgets();
    const bar = widgets.find((w) => w.kind === 'item' && w.label === `upload ${name}`);
    if (bar) seen.add(bar.value);
    for (const w of widgets) if (w.kind === 'text' && w.label.startsWith('送信中')) statuses.add(w.label);
    if (bar?.value === '100%') break;
    if (throttled && between().length >= 1 && [...statuses].some(measured)) {
      await throttle(-1);
      throttled = false;
    }
    assert.ok(Date.now() < deadline, `the upload did not finish; seen ${[...seen]}; status ${[...statuses]}; on screen: ${
      widgets.map((w) => `${w.kind}:${w.label}=${w.value}@${Math.round(w.rect.y)}`).join(' | ')}`);
    await app.page.waitForTimeout(100);
  }
  if (throttled) await throttle(-1);
  assert.ok(between().length >= 1, `a value between 0 and 100% was shown: ${[...seen]}`);
  assert.ok([...statuses].some(measured), `speed and time left while sending: ${[...statuses]}`);
  for (const line of statuses)
    assert.ok(!/残り/.test(line) || !/ 0 B\/s/.test(line), `a time left only with a speed above 0: ${line}`);
  await app.waitFor('送信済み', { kind: 'text' });
  await app.screenshot('files-uploaded.png');

  // The list has it, with its Japanese name kept, and its thumbnail (decoded by the browser).
  const thumb = await app.waitFor(name, { kind: 'image', timeout: 15000 });
  assert.ok(thumb);
  const same = await downloaded(app, name);
  assert.equal(same.hex, sha256(photo), 'the bytes are identical');
  assert.equal(same.file.file_type, 'png');
  assert.equal(same.file.preview, 'image');
  assert.deepEqual(app.problems, []);

  // A colleague in another browser context, on a touch screen.
  const other = await patientScreen(COLLEAGUE, { hasTouch: true });
  const deadlineThumb = Date.now() + 15000;
  let shown;
  for (;;) {
    shown = await other.find(name, { kind: 'image' });
    if (shown && shown.value.startsWith('loaded')) break;
    assert.ok(Date.now() < deadlineThumb, `no thumbnail: ${shown?.value}`);
    await other.page.waitForTimeout(100);
  }
  assert.match(shown.value, /^loaded 256x199$/, 'downscaled by the browser to 256 pixels');
  await other.screenshot('files-thumbnail-other-browser.png');
  await other.clickWidget(shown);
  let view = await other.waitFor(`view ${name}`, { kind: 'image', timeout: 15000 });
  assert.equal(view.value, '900x700 zoom 100%');
  // Its name reads light on the view's dark (drawn in the day's text colour it was 1.4:1).
  const ink = await fullViewNameInk(other, name);
  assert.ok(ink.background > 0.5 && ink.ink > 0.04, `the name is light on dark: ${JSON.stringify(ink)}`);
  await other.click('拡大', { kind: 'button' });
  view = await other.find(`view ${name}`, { kind: 'image' });
  assert.equal(view.value, '900x700 zoom 125%');
  // The wheel zooms too.
  await other.page.mouse.move(view.rect.x + view.rect.w / 2, view.rect.y + view.rect.h / 2);
  await other.page.mouse.wheel(0, -100);
  await other.settle();
  assert.equal((await other.find(`view ${name}`, { kind: 'image' })).value, '900x700 zoom 156%');
  // A finger dragged over the image pans it: it neither zooms (as a scroll would turn the wheel)
  // nor closes the view.
  await other.swipe(view.rect.x + view.rect.w / 2, view.rect.y + view.rect.h / 2, -150);
  assert.equal((await other.find(`view ${name}`, { kind: 'image' })).value, '900x700 zoom 156%');
  // Two fingers spread apart zoom in by as much (100 -> 300 pixels: three times), closed zoom out.
  await other.pinch(view.rect.x + view.rect.w / 2, view.rect.y + view.rect.h / 2, 100, 300);
  const pinched = (await other.find(`view ${name}`, { kind: 'image' })).value;
  assert.match(pinched, /^900x700 zoom 4[67]\d%$/, `zoomed three times by the pinch: ${pinched}`);
  await other.pinch(view.rect.x + view.rect.w / 2, view.rect.y + view.rect.h / 2, 400, 100);
  assert.match((await other.find(`view ${name}`, { kind: 'image' })).value, /^900x700 zoom 11\d%$/, 'a quarter of that');
  assert.ok(await other.find('閉じる', { kind: 'button' }), 'the pinch pressed nothing under the fingers');
  await other.screenshot('files-full-view.png');
  await other.click('閉じる', { kind: 'button' });
  assert.equal(await other.find(`view ${name}`, { kind: 'image' }), null, 'the view is closed');
  assert.deepEqual(other.problems, []);
  await other.context.close();
  await app.context.close();
});

test('an upload cut halfway resumes from the server\'s offset, and the file arrives byte for byte', async () => {
  const app = await patientScreen(NURSE);
  const name = 'リハビリの様子.png';
  const big = png(1200, 1150); // 5.5 MB: two chunks
  assert.ok(big.length > CHUNK && big.length < LIMIT);

  // The second PATCH is cut (as a dropped connection would); everything else goes through.
  const cut = await cutSecondUploadPatch(app.page);
  const { patches } = cut;
  await attach(app, [{ name, mimeType: 'image/png', buffer: big }]);
  const deadline = Date.now() + 30000;
  while ((await progressOf(app, name))?.value !== '100%') {
    assert.ok(Date.now() < deadline, `the upload did not finish: PATCH offsets ${patches}`);
    await app.page.waitForTimeout(100);
  }
  assert.deepEqual(patches, [0, CHUNK, CHUNK], 'the cut chunk is sent again from where the server stopped');
  assert.equal(cut.heads, 1, 'the app asked the server where to resume (HEAD)');
  const same = await downloaded(app, name);
  assert.equal(same.file.size, big.length);
  assert.equal(same.hex, sha256(big), 'the bytes are identical');
  assert.deepEqual(app.problems.filter((p) => !p.includes('net::ERR_CONNECTION_RESET')), []);
  await app.page.unroute('**/api/v1/uploads/*');
  await app.context.close();
});

test('a program renamed .jpg, a refused extension, a file over the limit and an empty file are refused clearly', async () => {
  const app = await patientScreen(NURSE, { height: 768 });
  app.expectHttp(415, '/api/v1/uploads');
  app.expectHttp(413, '/api/v1/uploads');
  const program = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), crypto.randomBytes(4000)]);
  await attach(app, [
    { name: '検査結果.jpg', mimeType: 'image/jpeg', buffer: program },
    { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: program },
    { name: '長い動画.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(LIMIT + 1000, 1) },
    { name: '空.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
  ]);
  // Each file's error, once the server has answered (scrolled to: the list is long).
  const refusal = async (pattern) => {
    const deadline = Date.now() + 20000;
    for (;;) {
      try {
        return (await app.scrollTo(pattern, { kind: 'text' })).label;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await app.page.waitForTimeout(200);
    }
  };
  assert.match(await refusal(/^この種類のファイルは送れません: .*Windows program/), /MZ\/PE/, 'the content decides, not the name');
  await app.screenshot('files-refused.png');
  assert.match(await refusal(/^この種類のファイルは送れません: .*\.exe/), /not accepted/, 'refused by its name at once');
  assert.match(await refusal(/^ファイルが大きすぎます/), /8000000 bytes/, 'the limit is said');
  await refusal(/^空のファイルは送れません$/);
  // Refusals are final: no retry offered, and nothing of them is listed.
  assert.equal(await app.find('再試行', { kind: 'button' }), null);
  const listed = await app.api('GET', `patients/${PATIENT}/files`);
  for (const refused of ['検査結果.jpg', 'setup.exe', '長い動画.mp4', '空.txt'])
    assert.ok(!listed.body.files.some((f) => f.name === refused), `${refused} is not stored`);
  // Each refused file can be taken off the list.
  const removeButtons = async () => (await app.widgets()).filter((w) => w.label === '外す').length;
  await app.scrollTo(/^空のファイルは送れません$/, { kind: 'text' });
  const before = await removeButtons();
  await app.click('外す', { kind: 'button' });
  assert.equal(await removeButtons(), before - 1);
  assert.deepEqual(app.problems, []);
  await app.context.close();
});

// A WAV file: `seconds` of a quiet tone, 8 kHz mono 16-bit.
function wav(seconds) {
  const samples = 8000 * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(2000 * Math.sin(i / 10)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

test('audio plays in the browser\'s own player over the app, which goes away with the screen', async () => {
  const app = await patientScreen(NURSE);
  const name = '服薬の説明.wav';
  await attach(app, [{ name, mimeType: 'audio/wav', buffer: wav(2) }]);
  await app.waitFor('送信済み', { kind: 'text', timeout: 20000 });
  // In the list: its name and size, a play button and a download button (no thumbnail).
  await app.waitFor(`${name}  (31 KB)`, { kind: 'text', timeout: 15000 });
  await app.waitFor('ダウンロード', { kind: 'button' });
  assert.equal(await app.find(name, { kind: 'image' }), null);
  await app.click('再生', { kind: 'button' });
  await app.waitFor(`player ${name}`, { kind: 'item' });
  const media = await app.page.evaluate(() => {
    const m = document.getElementById('mimamori-media');
    return m && { tag: m.tagName, src: m.getAttribute('src'), controls: m.controls, visible: m.getBoundingClientRect().width > 0 };
  });
  assert.deepEqual(media && { ...media, src: media.src.replace(/\d+$/, 'N') },
    { tag: 'AUDIO', src: 'api/v1/files/N', controls: true, visible: true });
  // The media element plays the file the server streams (Range requests answered).
  const duration = await app.page.waitForFunction(() => {
    const m = document.getElementById('mimamori-media');
    return m && m.readyState >= 1 && m.duration;
  }, null, { timeout: 10000 });
  assert.ok(Math.abs((await duration.jsonValue()) - 2) < 0.1, 'the whole recording');
  // Another screen: the player is removed with the view.
  await app.go('/');
  assert.equal(await app.page.evaluate(() => document.getElementById('mimamori-media')), null);
  assert.equal(await app.find(`player ${name}`, { kind: 'item' }), null);
  assert.deepEqual(app.problems, []);
  await app.context.close();
});

test('a PDF opens in the browser\'s own viewer in a new tab, served inline as application/pdf', async () => {
  const app = await patientScreen(NURSE);
  const name = '訪問看護指示書.pdf';
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] ' +
    '/Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  await attach(app, [{ name, mimeType: 'application/pdf', buffer: pdf }]);
  await app.waitFor('送信済み', { kind: 'text', timeout: 20000 });
  await app.scrollTo(`${name}  (${pdf.length} B)`, { kind: 'text' });
  // The file's own buttons are on the line below its name (the only PDF of the patient).
  const open = await app.scrollTo('開く', { kind: 'button' });
  const [tab] = await Promise.all([app.context.waitForEvent('page'), app.clickWidget(open)]);
  assert.match(tab.url(), /\/api\/v1\/files\/\d+$/);
  const served = await app.page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    return { type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), size: (await r.arrayBuffer()).byteLength };
  }, tab.url());
  assert.equal(served.type, 'application/pdf');
  assert.match(served.disposition, /^inline;/);
  assert.equal(served.size, pdf.length);
  assert.deepEqual(app.problems, []);
  await app.context.close();
});
