// The professional timeline (在宅患者メモ, issue 5) in two browsers at once: a nurse on a tablet
// posts a visit record (bad input first: nothing is posted), the doctor of the same team on a
// phone sees it appear without a reload and reads it, and the nurse sees the read receipt live.
// Then: an edit keeps the old version struck through, a retraction needs a reason and stays
// visible, an instruction is acknowledged with the list of who has not yet, and the search finds
// 褥瘡 within the patient and across "my patients" (one character is refused).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment } from './harness.mjs';
import { person, signedIn } from './care_support.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'timeline', demo: true }); });
after(async () => { await env?.stop(); });

const NURSE = 'yukiwari-hasegawa'; // patient 1's team (assets/demo/accounts.json "patients"); consent active
const DOCTOR = 'asuwa-kobayashi';
const CARE_MANAGER = 'echizen-kondo';
const PATIENT = 1;
const TIMELINE = `/patients/${PATIENT}/memos`;
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

// Waits for a widget that may be below the fold: scrolls to it until it is there.
async function reach(app, label, { kind, timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await app.scrollTo(label, { kind, steps: 30 });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await app.page.waitForTimeout(300);
    }
  }
}

// Counts the memo posts a page sends.
function countPosts(app) {
  const counter = { n: 0 };
  app.page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith(`/patients/${PATIENT}/memos`)) counter.n++;
  });
  return counter;
}

test('a visit record reaches the doctor live, is read, edited, retracted; instructions are acknowledged; search finds 褥瘡', async () => {
  const nurse = await signedIn(env, NURSE, { viewport: TABLET });
  const doctor = await signedIn(env, DOCTOR, { viewport: PHONE, hasTouch: true });
  const nurseName = person(NURSE).name;
  const doctorName = person(DOCTOR).name;

  await doctor.go(TIMELINE);
  await doctor.waitFor(/^在宅患者メモ/, { kind: 'heading' });
  // A mark on the doctor's page: still there later means the page was never reloaded.
  await doctor.page.evaluate(() => { window.__notReloaded = true; });

  await nurse.go(TIMELINE);
  await nurse.waitFor(/^在宅患者メモ/, { kind: 'heading' });
  const posts = countPosts(nurse);

  // Opened to read: the composer is folded away, with the one-tap 「変化なし」 beside its button.
  assert.equal(await nurse.find('投稿', { kind: 'button' }), null, 'the composer is folded');
  assert.ok(await nurse.find('変化なし', { kind: 'button' }));
  await nurse.click('メモを書く', { kind: 'button' });

  // Bad input is refused before anything is sent: an empty memo, then an impossible date.
  await nurse.click('投稿', { kind: 'button' });
  await nurse.waitFor(/^本文を入力してください。/, { kind: 'text' });
  await nurse.fill('本文', '仙骨部に褥瘡あり。2時間ごとに体位変換を行いました。');
  await nurse.fill('次回訪問予定日', '2026-13-45');
  await nurse.click('投稿', { kind: 'button' });
  await nurse.waitFor(/^日付は 2026-12-01 のように入力してください。/, { kind: 'text' });
  assert.equal(posts.n, 0, 'nothing was posted');
  await nurse.screenshot('timeline-composer-errors.png');

  // The visit record, posted.
  await nurse.fill('次回訪問予定日', '');
  await nurse.click('投稿', { kind: 'button' });
  await nurse.waitFor('投稿しました。', { kind: 'text' });
  assert.equal(posts.n, 1);
  const text = '仙骨部に褥瘡あり。2時間ごとに体位変換を行いました。';
  await reach(nurse, text, { kind: 'text' });
  const icon = await nurse.find('看護師', { kind: 'image' });
  assert.equal(icon?.value, 'nurse', "the writer's profession icon");

  // The doctor's open timeline shows it without a reload; shown there, it is read.
  await reach(doctor, text, { kind: 'text' });
  assert.equal(await doctor.page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');
  await doctor.screenshot('timeline-phone-live.png');

  // The nurse sees the receipt arrive on her screen.
  await reach(nurse, '既読 1', { kind: 'text' });
  await nurse.screenshot('timeline-tablet-read.png');
  await nurse.click('開く', { kind: 'button' });
  await reach(nurse, new RegExp(`^既読: ${doctorName}（`), { kind: 'text' });

  // An edit: the earlier version stays, struck through.
  await nurse.click('編集', { kind: 'button' });
  await nurse.fill('本文', '仙骨部に褥瘡（2cm）あり。2時間ごとに体位変換を行いました。');
  await nurse.click('編集を保存', { kind: 'button' });
  await nurse.waitFor(/^編集を保存しました。/, { kind: 'text' });
  const struck = await reach(nurse, text, { kind: 'text' });
  assert.equal(struck.value, 'struck', 'the old text is shown struck through');
  assert.ok(await nurse.find('仙骨部に褥瘡（2cm）あり。2時間ごとに体位変換を行いました。', { kind: 'text' }));
  assert.ok(await nurse.find('編集済み', { kind: 'text' }));
  await nurse.screenshot('timeline-edited.png');

  // Search within the patient: two characters find it; one is refused before sending.
  await nurse.click('タイムラインへ戻る', { kind: 'link' });
  await nurse.fill('このメモ内を検索', '褥');
  await nurse.click('検索', { kind: 'button' });
  await nurse.waitFor('検索語は2文字以上で入力してください。', { kind: 'text' });
  await nurse.fill('このメモ内を検索', '褥瘡');
  await nurse.click('検索', { kind: 'button' });
  await reach(nurse, '仙骨部に褥瘡（2cm）あり。2時間ごとに体位変換を行いました。', { kind: 'text' });
  await nurse.fill('このメモ内を検索', '骨折');
  await nurse.click('検索', { kind: 'button' });
  await reach(nurse, '条件に合うメモはありません。', { kind: 'text' });
  // The filters (folded until asked for): by the writer's profession.
  await nurse.fill('このメモ内を検索', '');
  await nurse.click('絞り込み（種類・職種・記入者・期間）', { kind: 'button' });
  await nurse.choose('職種', '理学療法士'); // no physical therapist on the team (the demo's doctor writes memos)
  await nurse.click('検索', { kind: 'button' });
  await reach(nurse, '条件に合うメモはありません。', { kind: 'text' });
  await nurse.choose('職種', '看護師');
  await nurse.click('検索', { kind: 'button' });
  await reach(nurse, '仙骨部に褥瘡（2cm）あり。2時間ごとに体位変換を行いました。', { kind: 'text' });
  await nurse.click('条件をクリア', { kind: 'button' });

  // ... and across my patients.
  await nurse.go('/my/memos');
  await nurse.fill('担当患者のメモを検索', '褥瘡');
  await nurse.click('検索', { kind: 'button' });
  await reach(nurse, '仙骨部に褥瘡（2cm）あり。2時間ごとに体位変換を行いました。', { kind: 'text' });

  // A retraction needs a reason, and leaves the memo visible with it.
  await nurse.go(TIMELINE);
  await nurse.click('開く', { kind: 'button' });
  await nurse.click('撤回', { kind: 'button' });
  await nurse.click('撤回', { kind: 'button' });
  await nurse.waitFor('撤回の理由を1行（500文字以内）で入力してください。', { kind: 'text' });
  await nurse.fill('撤回の理由', '別の患者の記録と取り違えたため');
  await nurse.click('撤回', { kind: 'button' });
  await nurse.waitFor(new RegExp(`^${nurseName} が .* に撤回しました。理由: 別の患者の記録と取り違えたため$`), { kind: 'text' });
  await reach(nurse, '仙骨部に褥瘡（2cm）あり。2時間ごとに体位変換を行いました。', { kind: 'text' });
  await reach(doctor, '撤回の理由: 別の患者の記録と取り違えたため', { kind: 'text' });

  // An instruction: the doctor writes it, the nurse acknowledges it; the list of who has not
  // acknowledged shrinks on the doctor's screen.
  await nurse.click('タイムラインへ戻る', { kind: 'link' });
  await doctor.go('/');
  await doctor.go(TIMELINE); // at the top again, the composer in view
  await doctor.click('メモを書く', { kind: 'button' });
  await doctor.choose('種類', '指示');
  await doctor.fill('本文', '明日から抗菌薬の内服を開始してください。');
  await doctor.click('投稿', { kind: 'button' });
  await reach(doctor, '投稿しました。', { kind: 'text' });
  await doctor.click('開く', { kind: 'button' });
  const careManagerName = person(CARE_MANAGER).name;
  const pendingBoth = await reach(doctor, /^未確認: /, { kind: 'text' });
  assert.ok(pendingBoth.label.includes(nurseName) && pendingBoth.label.includes(careManagerName), pendingBoth.label);
  assert.equal(await doctor.find('確認しました', { kind: 'button' }), null, 'the writer does not acknowledge');

  await reach(nurse, '明日から抗菌薬の内服を開始してください。', { kind: 'text' });
  await nurse.click('開く', { kind: 'button' });
  await nurse.click('確認しました', { kind: 'button' });
  await nurse.waitFor('あなたは確認済みです。', { kind: 'text' });
  await reach(doctor, new RegExp(`^未確認: (?!.*${nurseName}).*${careManagerName}`), { kind: 'text' });
  await reach(doctor, new RegExp(`^確認済み: ${nurseName}（`), { kind: 'text' });
  await doctor.screenshot('timeline-phone-acknowledged.png');

  // A mention: the doctor's notifications count it live, and list the memo.
  await doctor.go('/');
  await doctor.waitFor('メモ検索・お知らせ', { kind: 'button' });
  await nurse.click('タイムラインへ戻る', { kind: 'link' });
  await nurse.click('メモを書く', { kind: 'button' });
  await nurse.fill('本文', `@${DOCTOR} 仙骨部の写真を次回確認してください。`);
  await nurse.click('投稿', { kind: 'button' });
  await reach(nurse, '投稿しました。', { kind: 'text' });
  await doctor.waitFor('メモ検索・お知らせ（新着 1）', { kind: 'button', timeout: 15000 });
  await doctor.click('メモ検索・お知らせ（新着 1）', { kind: 'button' });
  await doctor.click('お知らせ（新着 1）', { kind: 'button' });
  await reach(doctor, `@${DOCTOR} 仙骨部の写真を次回確認してください。`, { kind: 'text' });
  await doctor.screenshot('timeline-phone-mentions.png');

  // A mention of someone outside the team is refused by the server, and said plainly.
  nurse.expectHttp(400, `/patients/${PATIENT}/memos`);
  // The field is up the page, maybe half under the app's header: fill() scrolls it wholly below
  // the header (or the click would land on the header and the typing go nowhere).
  await nurse.fill('本文', '@chuo-nakamura 確認をお願いします。');
  await nurse.click('投稿', { kind: 'button' });
  const refused = await nurse.waitFor(/chuo-nakamura|メンション|member/, { kind: 'text' });
  assert.ok(refused, 'the refusal names the problem');

  assert.deepEqual(nurse.problems, []);
  assert.deepEqual(doctor.problems, []);
  await nurse.close();
  await doctor.close();
});

test('"my patients" counts unread memos live and opens the timeline; the patient screen links to it; the mention picker writes @login', async () => {
  const WATCHER = DOCTOR;
  const WRITER = CARE_MANAGER;
  const patientName = '田中 ハナ'; // patient 1 (assets/demo/region.json)
  const watcher = await signedIn(env, WATCHER, { viewport: TABLET });
  const writer = await signedIn(env, WRITER, { viewport: TABLET });
  await watcher.go('/my/patients');
  await watcher.waitFor(patientName, { kind: 'link' });
  // The unread badge on the patient's row (0 when there is none).
  const unreadIn = async () => {
    const widgets = await watcher.widgets();
    const row = widgets.find((w) => w.label === patientName && w.kind === 'link');
    const badge = widgets.find((w) => w.kind === 'text' && /^未読 \d+$/.test(w.label) &&
      Math.abs(w.rect.y + w.rect.h / 2 - (row.rect.y + row.rect.h / 2)) < row.rect.h);
    return badge ? Number(badge.label.slice(3)) : 0;
  };
  const before = await unreadIn();
  await watcher.page.evaluate(() => { window.__notReloaded = true; });

  // The memos the watcher's app has told the server it read (answered 2xx).
  const readSent = new Set();
  watcher.page.on('response', (r) => {
    if (r.request().method() !== 'POST' || !r.url().endsWith(`/patients/${PATIENT}/memos/reads`) || !r.ok()) return;
    for (const id of JSON.parse(r.request().postData()).memo_ids) readSent.add(id);
  });

  // Another member writes two memos: the count follows without a reload.
  const written = [];
  for (const text of ['夜間の咳が続いています。', '食事量が半分ほどに減りました。']) {
    const posted = await writer.api('POST', `patients/${PATIENT}/memos`, { kind: 'visit_record', text });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    written.push(posted.body.memo.id);
  }
  const deadline = Date.now() + 15000;
  while ((await unreadIn()) !== before + 2) {
    assert.ok(Date.now() < deadline, `the unread count stayed at ${await unreadIn()} (was ${before})`);
    await watcher.page.waitForTimeout(200);
  }
  assert.equal(await watcher.page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');
  await watcher.screenshot('my-patients-unread-live.png');

  // The row's メモ button opens the patient's timeline, where the memos are then read.
  await watcher.clickWidget(await watcher.findInRow(patientName, 'メモ'));
  assert.equal(await watcher.route(), TIMELINE);
  await watcher.waitFor(`在宅患者メモ — ${patientName}`, { kind: 'heading' });
  // Both shown on screen (a memo counts as read when it is shown, not when its page loads).
  await reach(watcher, '食事量が半分ほどに減りました。', { kind: 'text' });
  await reach(watcher, '夜間の咳が続いています。', { kind: 'text' });
  // The read receipts go in batches (0.8 s after a memo is shown): leaving the timeline before
  // they are answered would lose them, so wait for them rather than a fixed time.
  const deadlineSent = Date.now() + 15000;
  while (!written.every((id) => readSent.has(id))) {
    assert.ok(Date.now() < deadlineSent, `read receipts sent for ${[...readSent]}, not all of ${written}`);
    await watcher.page.waitForTimeout(100);
  }
  await watcher.go('/my/patients');
  await watcher.waitFor(patientName, { kind: 'link' });
  const deadlineRead = Date.now() + 10000;
  while ((await unreadIn()) > before) {
    assert.ok(Date.now() < deadlineRead, `still unread: ${await unreadIn()}`);
    await watcher.page.waitForTimeout(200);
  }

  // The patient screen's button opens the same timeline.
  await watcher.go(`/patients/${PATIENT}`);
  await watcher.click('在宅患者メモ', { kind: 'button' });
  assert.equal(await watcher.route(), TIMELINE);

  // The mention picker offers the team by name and writes "@login" into the text.
  await watcher.click('メモを書く', { kind: 'button' });
  await watcher.click('@メンション', { kind: 'button' });
  const writerName = person(WRITER).name;
  await watcher.click(`${writerName}  @${WRITER}`, { kind: 'button' });
  const field = await watcher.find('本文', { kind: 'input' });
  assert.equal(field.value, `@${WRITER} `);
  await watcher.click('本文', { kind: 'input' });
  await watcher.page.keyboard.press('Control+End');
  await watcher.type('明日の訪問で確認をお願いします。');
  await watcher.click('投稿', { kind: 'button' });
  await reach(watcher, '投稿しました。', { kind: 'text' });
  const mentions = await writer.api('GET', 'my/mentions');
  assert.equal(mentions.status, 200, JSON.stringify(mentions.body));
  assert.ok(mentions.body.memos.some((m) => m.text === `@${WRITER} 明日の訪問で確認をお願いします。`),
    'the writer is mentioned');

  assert.deepEqual(watcher.problems, []);
  assert.deepEqual(writer.problems, []);
  await watcher.close();
  await writer.close();
});

test('the event stream ends with the session: signed out, the app shows the sign-in', async () => {
  const nurse = await signedIn(env, NURSE, { viewport: TABLET });
  await nurse.go(TIMELINE);
  await nurse.waitFor(/^在宅患者メモ/, { kind: 'heading' });
  // Another device signs the account out everywhere: the stream is refused, the app follows.
  nurse.expectHttp(401, '/api/v1/');
  const status = await nurse.api('DELETE', 'sessions');
  assert.ok(status.status < 300, `sign-out everywhere: ${status.status}`);
  await nurse.waitFor('サインイン', { kind: 'heading', timeout: 20000 });
  await nurse.close();
});
