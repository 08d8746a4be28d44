// Patient/family accounts through the app (issue 4): the secretariat administrator registers one
// without an e-mail address (bad input first); at a home visit a team member hands the invitation
// over as a one-time code in large type and a QR code (decoded from the screenshot by zbarimg);
// the family member types the code on their own phone, sets a password and lands on a family home
// without any staff menu. The code works once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startEnvironment, demoAccount } from './harness.mjs';
import { ownFacilityId, registerPatient, signConsent, signedIn } from './care_support.mjs';

const execFileAsync = promisify(execFile);
const CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

let env;
before(async () => { env = await startEnvironment({ label: 'family', demo: true }); });
after(async () => { await env?.stop(); });

const manager = demoAccount('facility_manager');

test('a family account registered by the secretariat, handed over at a visit, joins with the code', async () => {
  // A patient of the manager's with consent to family participation, and a team they are in.
  const nurseApp = await signedIn(env, manager.login);
  const patient = await registerPatient(nurseApp, await ownFacilityId(nurseApp, manager.facility));
  await signConsent(nurseApp, patient.id, { family: true });
  const team = await nurseApp.api('POST', 'teams', { name: '試験チーム', team_role: 'attending_doctor', patient_id: patient.id });
  assert.equal(team.status, 201);

  // The secretariat registers the family account (no e-mail: the invitation is handed over).
  const admin = await signedIn(env, demoAccount('secretariat_admin').login);
  await admin.go(`/patients/${patient.id}`);
  await admin.click('家族のアカウントを登録', { kind: 'button' });
  await admin.waitFor('家族のアカウントを登録', { kind: 'heading' });
  await admin.fill('氏名', '試験 花子');
  await admin.fill('フリガナ', 'しけん はなこ');
  await admin.fill('ログインID', 'shiken-hanako');
  await admin.click('登録する', { kind: 'button' });
  await admin.waitFor('続柄を入力してください（例: 長女、夫）。', { kind: 'text' });
  await admin.fill('続柄', '長女');
  await admin.click('登録する', { kind: 'button' });
  await admin.waitFor('試験 花子 さんを登録しました。訪問時に「家族に引き継ぐ」でコードを渡してください。', { kind: 'text' });
  await admin.settle(); // the list, loaded again
  assert.ok(await admin.findInRow('試験 花子', '招待中', { kind: 'text' }), 'invited, not joined yet');
  assert.ok(await admin.findInRow('試験 花子', 'shiken-hanako', { kind: 'text' }));
  assert.deepEqual(admin.problems, []);
  await admin.close();

  // At the visit, on the team member's tablet: the code and the QR code.
  await nurseApp.close();
  const tablet = await signedIn(env, manager.login, { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, hasTouch: true });
  await tablet.go(`/patients/${patient.id}`);
  await tablet.scrollTo('試験 花子', { kind: 'text' });
  assert.equal(await tablet.findInRow('試験 花子', 'shiken-hanako', { kind: 'text' }), null, 'members see no login ids');
  await tablet.tap('家族に引き継ぐ', { kind: 'button' });
  await tablet.waitFor('ご家族への引き継ぎ', { kind: 'heading' });
  const code = (await tablet.waitFor(CODE, { kind: 'text' })).label;
  const big = await tablet.find(code, { kind: 'text' });
  const body = await tablet.find('ご家族への引き継ぎ', { kind: 'heading' });
  assert.ok(big.rect.h > 1.8 * body.rect.h, 'the code in very large type');
  await tablet.waitFor(/^有効期限: \d{4}-\d\d-\d\d \d\d:\d\d$/, { kind: 'text' });
  await tablet.scrollTo('handover-qr', { kind: 'image' });
  const file = await tablet.screenshot('handover-tablet-dpr2.png');
  const { stdout } = await execFileAsync('zbarimg', ['--raw', '-q', file]);
  assert.match(stdout.trim(), /^http\S*\/#\/invite\/[A-Za-z0-9_-]+$/, 'the QR code holds the invitation link');
  assert.deepEqual(tablet.problems, []);

  // On the family member's own phone: a wrong code first, then the one shown.
  const phone = await env.openApp({ path: '/invite', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true });
  await phone.waitFor('招待コードの入力', { kind: 'heading' });
  phone.expectHttp(410, '/api/v1/invitations/code');
  await phone.fill('招待コード', 'AAAA-AAAA-AAAA');
  await phone.click('次へ', { kind: 'button' });
  await phone.waitFor(/^このコードは有効期限が切れているか、すでに使われています。/, { kind: 'text' });
  await phone.fill('招待コード', code.toLowerCase().replace(/-/g, ' '));
  await phone.click('次へ', { kind: 'button' });
  await phone.waitFor('アカウントの設定', { kind: 'heading' });
  await phone.waitFor('試験 花子', { kind: 'text' });
  await phone.waitFor('shiken-hanako', { kind: 'text' });
  await phone.fill('新しいパスワード', 'Hanako-Family-2026!');
  await phone.fill('新しいパスワード（確認のためもう一度）', 'Hanako-Family-2026!');
  await phone.click('パスワードを設定して始める', { kind: 'button' });

  // The family home: whose family space, and nothing of the staff's.
  await phone.waitFor('ご家族のページ', { kind: 'heading' });
  await phone.waitFor(`${patient.name} さんのご家族のスペースに参加しています。`, { kind: 'text' });
  await phone.waitFor('家族の連絡帳', { kind: 'heading' });
  const buttons = (await phone.widgets()).filter((w) => w.kind === 'button').map((w) => w.label);
  for (const staff of ['患者一覧', 'スタッフ一覧', '同意の状況', '患者とチームの紐付け', '事業所一覧']) {
    assert.ok(!buttons.includes(staff), `no "${staff}" for a family account`);
  }
  await phone.screenshot('family-home-phone.png');
  await phone.go(`/patients/${patient.id}`);
  await phone.waitFor('この画面を開く権限がありません', { kind: 'heading' });
  assert.deepEqual(phone.problems, []);

  // The code worked once.
  const again = await env.openApp({ path: '/invite' });
  again.expectHttp(410, '/api/v1/invitations/code');
  await again.fill('招待コード', code);
  await again.click('次へ', { kind: 'button' });
  await again.waitFor(/^このコードは有効期限が切れているか、すでに使われています。/, { kind: 'text' });
  await again.close();
  await phone.close();

  // The member's list now shows the account as joined.
  await tablet.go('/');
  await tablet.go(`/patients/${patient.id}`);
  await tablet.scrollTo('試験 花子', { kind: 'text' });
  assert.ok(await tablet.findInRow('試験 花子', '利用中', { kind: 'text' }), 'joined');
  assert.equal(await tablet.findInRow('試験 花子', '家族に引き継ぐ'), null, 'nothing left to hand over');
  await tablet.close();
});
