// Patients, consent and care teams through the app (issue 4): a facility manager registers a
// patient (bad input first, then the duplicate warning), records an e-consent with a signature
// drawn on the pad, builds a care team with a nurse of another facility (inviting her twice is
// refused plainly), and the nurse, signing in elsewhere, finds the patient in "my patients".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment, demoAccount } from './harness.mjs';
import { person, signedIn } from './care_support.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'patients', demo: true }); });
after(async () => { await env?.stop(); });

const manager = demoAccount('facility_manager');
const NURSE = 'chuo-nakamura'; // a nurse of another facility (福井中央総合病院)

test('a manager registers a patient, records an e-consent, builds a team; the invited nurse sees the patient', async () => {
  const app = await signedIn(env, manager.login);
  // Home of staff in care teams: "my patients".
  await app.waitFor('担当患者', { kind: 'heading' });
  await app.click('患者一覧', { kind: 'button' });
  await app.click('患者を登録', { kind: 'button' });
  await app.waitFor('患者を登録', { kind: 'heading' });

  // Bad input, caught before anything is sent: a birth date in the future, the kana missing.
  let posts = 0;
  app.page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/patients')) posts++; });
  await app.fill('患者氏名', '田中 花子');
  await app.fill('生年月日', '2099-01-01');
  await app.choose('性別', '女性');
  await app.click('登録する', { kind: 'button' });
  await app.waitFor('生年月日が未来の日付になっています。', { kind: 'text' });
  await app.scrollTo('フリガナはカタカナかひらがなで入力してください。', { kind: 'text' });
  await app.screenshot('patient-form-errors.png');
  assert.equal(posts, 0, 'nothing was sent');

  // The same kana and birth date as a patient already registered: shown before saving.
  await app.fill('フリガナ', 'たなか はな');
  await app.fill('生年月日', '1938-05-12');
  await app.fill('郵便番号', '９１８８００４');
  await app.fill('住所', '福井県福井市西木田3-4-16');
  app.expectHttp(409, '/api/v1/patients');
  await app.click('登録する', { kind: 'button' });
  await app.waitFor('同じフリガナと生年月日の患者がすでに登録されています。', { kind: 'text' });
  assert.ok(await app.findInRow('田中 ハナ', '1938-05-12', { kind: 'text' }), 'the registered patient, with her birth date');
  assert.ok(await app.findInRow('田中 ハナ', 'あすわ在宅クリニック', { kind: 'text' }), 'and her facility');
  assert.ok(await app.findInRow('田中 ハナ', '開く'), 'which can be opened instead');
  await app.screenshot('patient-duplicates.png');
  assert.equal(posts, 1);
  await app.click('別の方なので登録する', { kind: 'button' });
  await app.waitFor('患者を登録しました。', { kind: 'text' });
  assert.equal(posts, 2);
  const route = await app.route();
  assert.match(route, /^\/patients\/\d+$/);
  const patientId = Number(route.split('/')[2]);
  await app.waitFor('タナカ ハナ', { kind: 'text' }); // kana stored in katakana
  await app.waitFor('田中 花子', { kind: 'heading' });
  assert.equal((await app.metrics()).missingGlyphs, 0, 'the name, a heading, drawn with every glyph (not 「?中」)');
  await app.waitFor('〒918-8004 福井県福井市西木田3-4-16', { kind: 'text' });
  assert.equal((await app.find('同意なし', { kind: 'text' }))?.value, 'badge');

  // The e-consent: no signature is refused here, before sending.
  await app.click('同意を記録する', { kind: 'button' });
  await app.waitFor('同意の記録', { kind: 'heading' });
  assert.equal((await app.find('署名する人の氏名', { kind: 'input' })).value, '田中 花子', 'the patient signs by default');
  let consentPosts = 0;
  app.page.on('request', (r) => { if (r.method() === 'POST' && /\/consents$/.test(r.url())) consentPosts++; });
  await app.check('家族の参加（家族の連絡帳）にも同意する');
  await app.click('同意を記録する', { kind: 'button' });
  await app.waitFor('署名がありません。枠の中に指かペンで署名してください。', { kind: 'text' });
  assert.equal(consentPosts, 0);

  // Drawn with the mouse: two strokes; one taken back and brought back.
  let pad = await app.scrollTo('signature-pad', { kind: 'image' });
  await app.draw(pad, [[[0.15, 0.6], [0.25, 0.3], [0.35, 0.65], [0.45, 0.35]], [[0.55, 0.5], [0.7, 0.45], [0.85, 0.55]]]);
  pad = await app.find('signature-pad', { kind: 'image' });
  assert.equal(pad.value, '2', 'two strokes');
  await app.click('1画もどす', { kind: 'button' });
  assert.equal((await app.find('signature-pad', { kind: 'image' })).value, '1');
  await app.click('やり直し', { kind: 'button' });
  assert.equal((await app.find('signature-pad', { kind: 'image' })).value, '2');
  await app.scrollTo('signature-pad', { kind: 'image' });
  await app.screenshot('consent-signature-dpr1.png');
  await app.click('同意を記録する', { kind: 'button' });
  await app.waitFor('同意を記録しました。', { kind: 'text' });
  assert.equal(consentPosts, 1);
  assert.equal(await app.route(), `/patients/${patientId}`);
  await app.waitFor('同意あり（家族参加）', { kind: 'text' });

  // What was stored: the text shown (its version and hash), and both strokes with every point.
  const consents = await app.api('GET', `patients/${patientId}/consents`);
  assert.equal(consents.status, 200);
  const [consent] = consents.body.consents;
  assert.equal(consent.method, 'e_signature');
  assert.equal(consent.scope.family, true);
  const svg = await app.api('GET', `consents/${consent.id}/signature.svg`);
  assert.equal(svg.status, 200);
  const d = /<path[^>]* d="([^"]+)"/.exec(svg.body)[1];
  assert.equal((d.match(/M/g) || []).length, 2, 'two strokes stored');
  const points = (d.match(/[ML]/g) || []).length;
  assert.ok(points >= 20, `the strokes keep the pointer's path (${points} points), not one point per frame`);
  const text = await app.api('GET', `consents/${consent.id}/text`);
  assert.match(text.body, /みまもり 情報共有に関する同意書/);
  await app.click('同意書の本文を見る', { kind: 'button' });
  await app.scrollTo(/^みまもり 情報共有に関する同意書/, { kind: 'text' });

  // The team: started by the manager (the attending doctor), a nurse of another facility invited.
  const role = await app.scrollTo('このチームでのあなたの役割', { kind: 'combo' });
  assert.equal(role.value, '主治医', 'a doctor\'s usual role, to start with');
  await app.click('チームを作る', { kind: 'button' });
  await app.waitFor('ケアチームを作りました。', { kind: 'text' });
  await app.scrollTo(person(manager.login).name, { kind: 'text' });
  const nurse = person(NURSE);
  await app.click('メンバーを招待', { kind: 'button' });
  await app.fill('名前・フリガナで検索', nurse.name_kana.split(' ')[0]);
  await app.click('検索', { kind: 'button' });
  await app.scrollTo(nurse.name, { kind: 'text' });
  await app.clickWidget(await app.findInRow(nurse.name, '選ぶ'));
  await app.waitFor(nurse.facility, { kind: 'text' });
  await app.choose('役割', '訪問看護');
  await app.click('チームに招待する', { kind: 'button' });
  await app.waitFor('メンバーを招待しました。', { kind: 'text' });
  assert.ok(await app.findInRow(nurse.name, nurse.facility, { kind: 'text' }), 'a member from another facility');
  assert.ok(await app.findInRow(nurse.name, '訪問看護', { kind: 'text' }));
  await app.screenshot('patient-team.png');

  // Inviting her again is refused, and said plainly.
  app.expectHttp(409, '/members');
  await app.click('メンバーを招待', { kind: 'button' });
  await app.fill('名前・フリガナで検索', nurse.name);
  await app.click('検索', { kind: 'button' });
  await app.scrollTo('選ぶ', { kind: 'button' }); // her row in the results (she is in the team's table too)
  await app.clickWidget(await app.findInRow(nurse.name, '選ぶ'));
  await app.choose('役割', '病院連携');
  await app.click('チームに招待する', { kind: 'button' });
  await app.waitFor('この方はすでにこのチームのメンバーです。', { kind: 'text' });
  assert.deepEqual(app.problems, []);
  await app.close();

  // The nurse, on her own device: the patient is among "my patients", and opens in full (a tall
  // window: what is not offered to her is absent from the whole screen, not scrolled away).
  const other = await signedIn(env, NURSE, { deviceScaleFactor: 2, viewport: { width: 1024, height: 2000 } });
  await other.waitFor('担当患者', { kind: 'heading' });
  await other.waitFor('田中 花子', { kind: 'link' });
  assert.ok(await other.findInRow('田中 花子', '訪問看護', { kind: 'text' }), 'her role in the team');
  assert.ok(await other.findInRow('田中 花子', '同意あり（家族参加）', { kind: 'text' }));
  await other.screenshot('my-patients-dpr2.png');
  await other.click('田中 花子', { kind: 'link' });
  assert.equal(await other.route(), `/patients/${patientId}`);
  await other.waitFor('〒918-8004 福井県福井市西木田3-4-16', { kind: 'text' });
  assert.equal(await other.find('編集', { kind: 'button' }), null, 'no "編集" for a member who is not a manager');
  // As a member she records what the patient tells her at a visit: a withdrawal too.
  assert.ok(await other.find('同意を撤回する', { kind: 'button' }), 'she may record a withdrawal');
  assert.ok(await other.find('チームを離れる', { kind: 'button' }), 'she may leave the team');
  assert.equal(await other.find('患者一覧', { kind: 'button' }), null, 'no master list for a facility user');
  assert.deepEqual(other.problems, []);
  await other.close();
});

test('a member leaves the team in one action after confirming, and the patient leaves "my patients"', async () => {
  const app = await signedIn(env, NURSE);
  await app.click('田中 花子', { kind: 'link' });
  let posts = 0;
  app.page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/leave')) posts++; });
  await app.click('チームを離れる', { kind: 'button' });
  await app.waitFor('チームを離れますか？', { kind: 'text' });
  await app.click('キャンセル', { kind: 'button' });
  assert.equal(posts, 0);
  await app.click('チームを離れる', { kind: 'button' });
  await app.confirm('チームを離れる');
  await app.waitFor('担当患者', { kind: 'heading' });
  assert.equal(posts, 1);
  assert.equal(await app.find('田中 花子', { kind: 'link' }), null, 'no longer hers');
  // And the record is closed to her now.
  const patient = (await app.api('GET', 'my/patients')).body.patients.find((p) => p.name === '田中 花子');
  assert.equal(patient, undefined);
  assert.deepEqual(app.problems, []);
  await app.close();
});
