// Consent records through the app (同意書必須, issue 4): the signed paper form uploaded with the
// browser's file picker (an unreadable file refused first), a signature drawn with a finger on a
// tablet (the drag draws, the screen does not scroll), withdrawal that locks the team (its invite
// button gone, the server refusing), and the secretariat's view of every patient's consent state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment, demoAccount } from './harness.mjs';
import { fixtureFile, ownFacilityId, region, registerPatient, signConsent, signedIn, signedFormPdf } from './care_support.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'consent', demo: true }); });
after(async () => { await env?.stop(); });

const manager = demoAccount('facility_manager');

// Signs in as the manager with a fresh patient of their facility, on its screen.
async function managerWithPatient(options = {}) {
  const app = await signedIn(env, manager.login, options);
  const patient = await registerPatient(app, await ownFacilityId(app, manager.facility));
  await app.go(`/patients/${patient.id}`);
  await app.waitFor(patient.name, { kind: 'heading' });
  return { app, patient };
}

test('a paper consent: the signed form chosen with the file picker (an unreadable one refused first)', async () => {
  const { app, patient } = await managerWithPatient();
  await app.click('同意を記録する', { kind: 'button' });
  await app.click('代理人', { kind: 'button' });
  await app.fill('署名する人の氏名', '試験 花子');
  await app.click('紙の同意書をアップロード', { kind: 'button' });
  await app.waitFor('PDF・JPEG・PNG、10 MBまで', { kind: 'text' });

  let posts = 0;
  app.page.on('request', (r) => { if (r.method() === 'POST' && /\/consents$/.test(r.url())) posts++; });
  // Without a file, and without the proxy's relation: said before sending.
  await app.click('同意を記録する', { kind: 'button' });
  await app.scrollTo('続柄を入力してください（例: 長女、夫）。', { kind: 'text' });
  await app.scrollTo('署名済みの同意書のファイルを選んでください。', { kind: 'text' });
  await app.fill('続柄', '長女');
  // A "PDF" that is not one.
  await app.chooseFile('ファイルを選ぶ', fixtureFile('not-a-form.pdf', Buffer.from('just some text, not a scan\n')));
  await app.waitFor('このファイルは読み取れません。PDF・JPEG・PNGのファイルを選んでください。', { kind: 'text' });
  await app.click('同意を記録する', { kind: 'button' });
  assert.equal(posts, 0, 'nothing was sent');

  const pdf = signedFormPdf();
  await app.chooseFile('ファイルを選ぶ', fixtureFile('同意書.pdf', pdf));
  await app.waitFor(/^同意書\.pdf（1 KB）を選びました。$/, { kind: 'text' });
  await app.screenshot('consent-paper.png');
  await app.click('同意を記録する', { kind: 'button' });
  await app.waitFor('同意を記録しました。', { kind: 'text' });
  assert.equal(posts, 1);
  await app.waitFor('同意あり', { kind: 'text' });
  await app.waitFor('試験 花子（代理人・長女）', { kind: 'text' });
  await app.waitFor('紙の同意書をアップロード', { kind: 'text' });

  // The very bytes chosen are what the record keeps.
  const [consent] = (await app.api('GET', `patients/${patient.id}/consents`)).body.consents;
  assert.equal(consent.method, 'paper');
  assert.equal(consent.document.media_type, 'application/pdf');
  const stored = await app.page.evaluate(async (id) => {
    const r = await fetch(`api/v1/consents/${id}/document`, { credentials: 'same-origin' });
    return Array.from(new Uint8Array(await r.arrayBuffer()));
  }, consent.id);
  assert.deepEqual(Buffer.from(stored), pdf);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('a signature drawn with a finger on a tablet: the drag draws and does not scroll', async () => {
  const tablet = { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, hasTouch: true };
  const { app } = await managerWithPatient(tablet);
  await app.tap('同意を記録する', { kind: 'button' });
  const before = await app.scrollTo('signature-pad', { kind: 'image' });
  await app.draw(before, [[[0.1, 0.7], [0.2, 0.2], [0.3, 0.7]], [[0.4, 0.6], [0.6, 0.3], [0.9, 0.5]]], { touch: true });
  const after = await app.find('signature-pad', { kind: 'image' });
  assert.equal(after.value, '2', 'two strokes, one per finger drag');
  assert.equal(Math.round(after.rect.y), Math.round(before.rect.y), 'the screen did not scroll under the finger');
  await app.screenshot('consent-signature-tablet.png');
  // Elsewhere on the screen the same drag still scrolls (back up towards the consent text).
  await app.swipe(before.rect.x + before.rect.w / 2, before.rect.y - 40, 200);
  const moved = await app.find('signature-pad', { kind: 'image' });
  assert.ok(!moved || moved.rect.y > after.rect.y + 50, 'a drag outside the pad scrolls');
  await app.scrollTo('signature-pad', { kind: 'image' });
  await app.tap('同意を記録する', { kind: 'button' });
  await app.waitFor('同意を記録しました。', { kind: 'text' });
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('withdrawal with a reason locks the team: no invitation, and the server refuses one', async () => {
  const { app, patient } = await managerWithPatient();
  await signConsent(app, patient.id);
  await app.click('チームを作る', { kind: 'button' });
  await app.waitFor('メンバーを招待', { kind: 'button' });

  await app.click('同意を撤回する', { kind: 'button' });
  await app.click('同意を撤回する', { kind: 'button' }); // the reason is asked first
  await app.waitFor('撤回の理由を入力してください。', { kind: 'text' });
  await app.fill('撤回の理由', '本人の申し出');
  await app.click('同意を撤回する', { kind: 'button' });
  await app.waitFor('同意を撤回しますか？', { kind: 'text' });
  await app.screenshot('consent-withdraw-confirm.png');
  await app.confirm('同意を撤回する');
  await app.waitFor('同意を撤回しました。チームは閲覧のみになりました。', { kind: 'text' });
  await app.waitFor('同意が撤回されたため、この患者の情報は閲覧のみです。', { kind: 'text' });
  await app.scrollTo('同意が撤回されたため、このチームは閲覧のみです。メンバーを招待することはできません。', { kind: 'text' });
  assert.equal(await app.find('メンバーを招待', { kind: 'button' }), null, 'the invite button is gone');
  await app.waitFor('本人の申し出', { kind: 'text' });
  await app.screenshot('team-locked.png');

  // The server refuses what the screen no longer offers.
  const team = (await app.api('GET', `patients/${patient.id}`)).body.team;
  const nurse = (await app.api('GET', 'directory?q=' + encodeURIComponent('ナカムラ'))).body.staff[0];
  app.expectHttp(403, '/members');
  app.expectHttp(423, '/members');
  const refused = await app.api('POST', `teams/${team.id}/members`, { account_id: nurse.account_id, team_role: 'visiting_nurse' });
  assert.ok(refused.status === 403 || refused.status === 423, `refused (${refused.status})`);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('the secretariat sees every patient\'s consent state, filtered by state', async () => {
  const app = await signedIn(env, demoAccount('secretariat_admin').login);
  await app.click('同意の状況', { kind: 'button' });
  const expected = (p) => (!p.consent ? '同意なし' : p.consent.withdrawn ? '同意撤回'
    : p.consent.family ? '同意あり（家族参加）' : '同意あり');
  for (const p of region().patients) {
    await app.scrollTo(p.name, { kind: 'text' });
    assert.ok(await app.findInRow(p.name, expected(p), { kind: 'text' }), `${p.name}: ${expected(p)}`);
  }
  await app.screenshot('consents-all.png');
  await app.click('同意撤回', { kind: 'button' });
  for (const p of region().patients) {
    const shown = await app.find(p.name, { kind: 'text' });
    assert.equal(Boolean(shown), expected(p) === '同意撤回', `${p.name} ${shown ? 'shown' : 'not shown'}`);
  }
  await app.click('同意なし', { kind: 'button' });
  const none = region().patients.filter((p) => !p.consent);
  assert.ok(none.length > 0);
  for (const p of none) await app.scrollTo(p.name, { kind: 'text' });
  // A row opens the patient.
  await app.clickWidget(await app.findInRow(none[0].name, '開く'));
  await app.waitFor(none[0].name, { kind: 'heading' });
  await app.scrollTo('同意を記録する', { kind: 'button' }); // the consent card, below the patient's details
  assert.deepEqual(app.problems, []);
  await app.close();
});
