// "PDFで表示" of an Office file (issue 7): the app asks the server before it opens a tab. A
// server without LibreOffice says so in the app (no empty tab); while the server converts, the
// app shows 「PDFに変換中…」 and asks again after the server's Retry-After; when the PDF is
// there it opens in a new tab. The conversion is a stand-in for soffice (a script given with
// MIMAMORI_SOFFICE) that converts only when this test opens its gate, so the "converting" state
// lasts exactly as long as the test wants, whether or not LibreOffice is installed here.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startEnvironment, ROOT } from './harness.mjs';
import { account, signedIn } from './care_support.mjs';

const NURSE = 'chuo-nakamura';
const PATIENT = 2;
assert.ok(account(NURSE).patients.includes(PATIENT));

// A Word file as the server's sniffer knows one: stored ZIP entries with the OOXML parts.
function docx() {
  const entry = (name, text) => {
    const data = Buffer.from(text, 'utf8');
    const header = Buffer.alloc(30);
    header.write('PK\x03\x04', 0, 'latin1');
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(zlib.crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    return Buffer.concat([header, Buffer.from(name, 'utf8'), data]);
  };
  return Buffer.concat([entry('[Content_Types].xml', '<?xml version="1.0"?><Types/>'), entry('_rels/.rels', '<Relationships/>'),
    entry('word/document.xml', '<document>訪問看護計画書</document>'), Buffer.from('PK\x05\x06' + '\0'.repeat(18), 'latin1')]);
}

// The stand-in for soffice (tests/support/fake-soffice, shared with the server's tests), linked
// into a directory of its own as "gated-soffice": it waits for DIR/open, then writes a small PDF
// where LibreOffice would.
function gatedSoffice() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mimamori-soffice-'));
  const script = path.join(dir, 'gated-soffice');
  fs.symlinkSync(path.join(ROOT, 'tests/support/fake-soffice'), script);
  return { dir, script, open: () => fs.writeFileSync(path.join(dir, 'open'), 'open'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const environments = [];
after(async () => { for (const e of environments) await e.stop(); });

async function environment(soffice, label) {
  const saved = process.env.MIMAMORI_SOFFICE;
  process.env.MIMAMORI_SOFFICE = soffice;
  try {
    const env = await startEnvironment({ label, demo: true });
    environments.push(env);
    return env;
  } finally {
    if (saved === undefined) delete process.env.MIMAMORI_SOFFICE; else process.env.MIMAMORI_SOFFICE = saved;
  }
}

// Signs the nurse in, opens the patient's files and attaches a Word file through the picker.
async function withWordFile(env, name) {
  const app = await signedIn(env, NURSE, { viewport: { width: 1024, height: 3200 } });
  await app.go(`/patients/${PATIENT}`);
  await app.chooseFile('ファイルを添付', [{ name, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx() }]);
  await app.waitFor('送信済み', { kind: 'text', timeout: 20000 });
  await app.scrollTo(new RegExp(`^${name}  \\(`), { kind: 'text' });
  return app;
}

// Every answer of the preview URL the page received: [status, Range asked].
function previewAnswers(app) {
  const seen = [];
  app.page.on('response', (r) => {
    if (r.url().includes('/preview.pdf')) seen.push([r.status(), r.request().headers().range || '']);
  });
  return seen;
}

test('without LibreOffice the app says so and opens no tab', async () => {
  const env = await environment('none', 'preview_none');
  const app = await withWordFile(env, '訪問看護計画書.docx');
  app.expectHttp(404, '/preview.pdf');
  const answers = previewAnswers(app);
  const tabs = [];
  app.context.on('page', (p) => tabs.push(p.url()));
  await app.click('PDFで表示', { kind: 'button' });
  await app.waitFor('この環境ではPDFプレビューを作れません。ダウンロードしてご覧ください', { kind: 'text' });
  await app.page.waitForTimeout(500);
  assert.deepEqual(tabs, [], 'no tab was opened');
  assert.deepEqual(answers, [[404, 'bytes=0-0']], 'one question, one byte asked for');
  assert.ok(await app.find('ダウンロード', { kind: 'button' }), 'the download is still offered');
  assert.deepEqual(app.problems, []);
  await app.context.close();
});

test('while the server converts, 「PDFに変換中…」 and asking again; when ready, the PDF in a new tab', async () => {
  const soffice = gatedSoffice();
  try {
    const env = await environment(soffice.script, 'preview_gated');
    const app = await withWordFile(env, '褥瘡ケア計画.docx');
    const answers = previewAnswers(app);
    const tabs = [];
    app.context.on('page', (p) => tabs.push(p));
    const clicked = Date.now();
    await app.click('PDFで表示', { kind: 'button' });
    await app.waitFor('PDFに変換中…', { kind: 'text' });
    // Asked again after the server's Retry-After (2 s), still converting.
    // (A generous deadline: on 2 loaded cores the app's frames, and so its second question, come late.)
    for (const deadline = Date.now() + 30000; answers.filter(([s]) => s === 202).length < 3;) {
      assert.ok(Date.now() < deadline, `asked again: ${JSON.stringify(answers)}`);
      await app.page.waitForTimeout(100);
    }
    assert.ok(Date.now() - clicked >= 3500, 'two waits of Retry-After: 2');
    assert.deepEqual(tabs, [], 'no tab while converting');
    assert.ok(await app.find('PDFに変換中…', { kind: 'text' }));
    // Now the conversion finishes: later than a browser lets a page open a tab by itself, so the
    // app shows the PDF as ready with a button to open it.
    soffice.open();
    await app.waitFor('PDFができました', { kind: 'text', timeout: 10000 });
    assert.equal(await app.find('PDFに変換中…', { kind: 'text' }), null);
    assert.deepEqual(answers.at(-1), [206, 'bytes=0-0']);
    const open = await app.waitFor('PDFを開く', { kind: 'button' });
    const [tab] = await Promise.all([app.context.waitForEvent('page'), app.clickWidget(open)]);
    await tab.waitForLoadState('domcontentloaded').catch(() => {});
    assert.match(tab.url(), /\/api\/v1\/files\/\d+\/preview\.pdf$/);
    const served = await app.page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'same-origin' });
      return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    }, tab.url());
    assert.equal(served.status, 200);
    assert.equal(served.type, 'application/pdf');
    assert.match(served.text, /^%PDF-1\.4\n% preview of source\.docx/);
    await tab.close();
    // Asked again once it is made: the tab opens at once, with no message.
    const before = tabs.length;
    const [again] = await Promise.all([app.context.waitForEvent('page'), app.click('PDFで表示', { kind: 'button' })]);
    assert.match(again.url(), /\/preview\.pdf$/);
    assert.equal(tabs.length, before + 1);
    assert.equal(await app.find('PDFができました', { kind: 'text' }), null);
    assert.deepEqual(app.problems, []);
    await app.context.close();
  } finally {
    soffice.remove();
  }
});
