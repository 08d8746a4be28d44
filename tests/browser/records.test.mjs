// The secretariat's records: CSV downloads that Excel opens (UTF-8 with BOM by default, Shift_JIS
// on request) for staff, patients and the fee report, the patient list with its search, the fee
// table on screen, and the access log's search.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startEnvironment, demoAccount, demoAccounts } from './harness.mjs';
import { region } from './care_support.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'records', demo: true }); });
after(async () => { await env?.stop(); });

async function asAdmin(options = {}) {
  const admin = demoAccount('secretariat_admin');
  const app = await env.openApp({ acceptDownloads: true, ...options, signIn: { login: admin.login, password: admin.password } });
  await app.waitFor('ホーム', { kind: 'button' });
  return app;
}

// Presses the download button and returns { url, name, bytes } of the file the browser saved.
async function download(app) {
  const [file] = await Promise.all([
    app.page.waitForEvent('download'),
    app.click('CSVをダウンロード', { kind: 'button' }),
  ]);
  return { url: file.url(), name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

test('the staff list downloads as CSV, UTF-8 with BOM by default and Shift_JIS on request', async () => {
  const app = await asAdmin();
  await app.click('スタッフ一覧', { kind: 'button' });
  const utf8 = await download(app);
  assert.match(utf8.url, /\/api\/v1\/staff\.csv$/);
  assert.match(utf8.name, /\.csv$/);
  assert.deepEqual(utf8.bytes.subarray(0, 3), BOM, 'UTF-8 with a byte order mark');
  const text = utf8.bytes.toString('utf8');
  assert.ok(text.includes('\r\n'), 'CRLF line ends');
  for (const a of demoAccounts().filter((x) => x.role !== 'family')) assert.ok(text.includes(a.login), `${a.login} is listed`);

  await app.click('Shift_JIS', { kind: 'button' });
  await app.waitFor(/^Shift_JIS は古いExcel向けです。/, { kind: 'text' });
  const sjis = await download(app);
  assert.match(sjis.url, /\/api\/v1\/staff\.csv\?encoding=shift_jis$/);
  assert.notDeepEqual(sjis.bytes.subarray(0, 3), BOM);
  const decoded = new TextDecoder('shift_jis').decode(sjis.bytes);
  assert.equal(decoded.split('\r\n')[0], text.slice(1).split('\r\n')[0], 'the same header row, in Shift_JIS');
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('the patient list shows the region\'s patients with their consent state, searched by kana; its CSV lists them', async () => {
  const patients = region().patients;
  const app = await asAdmin();
  await app.click('患者一覧', { kind: 'button' });
  await app.waitFor(`${patients.length} 件`, { kind: 'text' });
  for (const p of patients) assert.ok(await app.scrollTo(p.name, { kind: 'text' }), `${p.name} is listed`);
  const withdrawn = patients.find((p) => p.consent && p.consent.withdrawn);
  assert.ok(await app.findInRow(withdrawn.name, '同意撤回', { kind: 'text' }), 'with the consent state');
  await app.screenshot('patients-list.png');

  // A part of the kana, typed in hiragana, finds the one patient.
  const one = patients[0];
  const kana = one.name_kana.split(' ')[0];
  await app.fill('名前・フリガナで検索', kana.replace(/[ァ-ン]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)));
  await app.click('検索', { kind: 'button' });
  await app.waitFor('1 件', { kind: 'text' });
  await app.waitFor(one.name, { kind: 'text' });
  // Nothing found: said so.
  await app.fill('名前・フリガナで検索', 'ンンンン');
  await app.click('検索', { kind: 'button' });
  await app.waitFor('該当する患者はいません。', { kind: 'text' });

  const csv = await download(app);
  assert.match(csv.url, /\/api\/v1\/patients\.csv$/);
  assert.deepEqual(csv.bytes.subarray(0, 3), BOM);
  const lines = csv.bytes.toString('utf8').slice(1).split('\r\n').filter((l) => l !== '');
  assert.equal(lines.length, patients.length + 1, 'a header row and one row per patient');
  for (const p of patients) assert.ok(lines.some((l) => l.includes(p.name)), `${p.name} in the CSV`);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('the fee report shows this year per facility and downloads the year chosen', async () => {
  const app = await asAdmin();
  await app.click('料金レポート', { kind: 'button' });
  const year = new Date().getFullYear();
  assert.equal((await app.waitFor('年', { kind: 'combo' })).value, `${year}年`, 'this year first');
  const facility = demoAccount('facility_manager').facility;
  await app.scrollTo(facility, { kind: 'text' });
  await app.screenshot('fee-report.png');
  const current = await download(app);
  assert.match(current.url, new RegExp(`/api/v1/reports/fees\\.csv\\?year=${year}$`));
  assert.ok(current.bytes.toString('utf8').includes(facility));

  await app.choose('年', `${year - 1}年`);
  const previous = await download(app);
  assert.match(previous.url, new RegExp(`year=${year - 1}$`));
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('the access log lists sign-ins newest first and is searched by actor and dates', async () => {
  const admin = demoAccount('secretariat_admin');
  const app = await asAdmin();
  await app.click('アクセスログ', { kind: 'button' });
  await app.waitFor(/^新しい順に \d+ 件を表示しています。$/, { kind: 'text' });
  const actors = (await app.widgets()).filter((w) => w.kind === 'text' && w.label === admin.login);
  assert.ok(actors.length > 0, 'the administrator\'s own sign-in is there');
  await app.screenshot('audit-log.png');

  // A date that is not one is caught before searching.
  let searches = 0;
  app.page.on('request', (r) => { if (r.url().includes('/api/v1/audit?')) searches++; });
  await app.fill('開始日', '2026-02-30');
  await app.click('検索', { kind: 'button' });
  await app.waitFor('日付は「2026-04-01」の形で入力してください。', { kind: 'text' });
  assert.equal(searches, 0);

  // Today, by someone who does nothing: nothing.
  const today = new Date().toISOString().slice(0, 10);
  await app.fill('開始日', today);
  await app.fill('操作者（ログインID）', 'nobody-at-all');
  await app.click('検索', { kind: 'button' });
  await app.waitFor('条件に合う記録はありません。', { kind: 'text' });
  assert.equal(searches, 1);

  await app.fill('操作者（ログインID）', admin.login);
  await app.click('検索', { kind: 'button' });
  await app.waitFor(/^新しい順に \d+ 件を表示しています。$/, { kind: 'text' });
  const rows = (await app.widgets()).filter((w) => w.kind === 'text' && /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(w.label));
  assert.ok(rows.length > 0);
  assert.deepEqual(app.problems, []);
  await app.close();
});
