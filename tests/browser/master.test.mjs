// Master maintenance through the app: a facility registered with its representative (a field
// error from the server first, then success), the invitation followed from the development
// outbox and accepted, staff registered / re-invited / un-affiliated by their manager with a
// confirmation, a refused deletion with the server's reason, and the two-factor policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment, demoAccount, demoAccounts } from './harness.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'master', demo: true }); });
after(async () => { await env?.stop(); });

async function signedIn(role, options = {}) {
  const account = demoAccount(role);
  const app = await env.openApp({ ...options, signIn: { login: account.login, password: account.password } });
  await app.waitFor('ホーム', { kind: 'button' });
  return app;
}

test('a facility is registered after a field error; its representative accepts the invitation from the outbox', async () => {
  const app = await signedIn('secretariat_admin');
  await app.click('事業所一覧', { kind: 'button' });
  await app.click('事業所を登録', { kind: 'button' });
  await app.waitFor('事業所を登録', { kind: 'heading' });

  // Nothing filled in: every problem is shown before anything is sent.
  let posts = 0;
  app.page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/facilities')) posts++; });
  await app.click('登録して招待メールを送る', { kind: 'button' });
  // The form shows its first problem (the type), then the others below it.
  const typeProblem = await app.waitFor('一覧から選んでください。', { kind: 'text' });
  assert.ok(typeProblem.rect.y > 0 && typeProblem.rect.y < app.page.viewportSize().height, 'scrolled to it');
  assert.ok(await app.scrollTo(/^1〜100文字で入力してください/), 'the name is missing');
  assert.ok(await app.scrollTo(/^入力内容を確認してください。/), 'and the form says so by its button');
  assert.equal(posts, 0);

  await app.choose('種別', '訪問看護ステーション');
  await app.fill('事業所名', 'みまもり訪問看護ステーション');
  await app.fill('事業所名（フリガナ）', 'みまもりほうもんかんご');
  await app.fill('郵便番号', '9100004');
  await app.fill('住所', '福井県福井市宝永3-1-1');
  await app.fill('電話番号', '0776-22-3333');
  await app.choose('契約プラン', 'SNSのみ');
  await app.fill('氏名', '訪問 花子');
  await app.fill('フリガナ', 'ほうもん はなこ');
  await app.fill('メールアドレス', 'hanako@example.jp');
  // A login id that is taken: the server names the field, the app shows it there.
  const taken = demoAccount('facility_user').login;
  await app.fill('ログインID', taken);
  await app.choose('職種', '看護師');
  app.expectHttp(409, '/api/v1/facilities');
  await app.click('登録して招待メールを送る', { kind: 'button' });
  await app.waitFor('このログインIDはすでに使われています。別のIDにしてください。', { kind: 'text' });
  assert.equal(posts, 1);
  const problem = await app.find('このログインIDはすでに使われています。別のIDにしてください。');
  const loginField = await app.find('ログインID', { kind: 'input' });
  assert.ok(problem.rect.y > loginField.rect.y && problem.rect.y - loginField.rect.y < 3 * loginField.rect.h,
    'the problem is shown right under the login id field');
  await app.screenshot('facility-form-field-error.png');

  await app.fill('ログインID', 'houmon-hanako');
  await app.click('登録して招待メールを送る', { kind: 'button' });
  await app.waitFor('登録しました。代表スタッフに招待メールを送りました。', { kind: 'text' });
  assert.match(await app.route(), /^\/facilities\/\d+$/);
  await app.waitFor('ミマモリホウモンカンゴ', { kind: 'text' }); // kana stored in katakana
  await app.waitFor('910-0004', { kind: 'text' });
  await app.screenshot('facility-detail.png');

  // Edited, and its representative's invitation sent again (代表スタッフ再依頼).
  await app.click('編集', { kind: 'button' });
  await app.waitFor('事業所の編集', { kind: 'heading' });
  assert.equal(await app.find('代表スタッフ', { kind: 'heading' }), null, 'the representative is not edited here');
  await app.fill('電話番号', '0776-22-4444');
  await app.click('保存する', { kind: 'button' });
  await app.waitFor('保存しました。', { kind: 'text' });
  await app.waitFor('0776-22-4444', { kind: 'text' });
  await app.click('代表スタッフ再依頼', { kind: 'button' });
  await app.waitFor(/^訪問 花子 さんに招待メールを送り直します。/, { kind: 'text' });
  await app.confirm('再送する');
  await app.scrollTo(/^招待メールを送り直しました。/, { kind: 'text' });

  // The invitation mail in the development outbox, and its link.
  await app.click('送信メール', { kind: 'button' });
  const open = await app.findInRow('hanako@example.jp', '開く');
  assert.ok(open, 'the invitation mail is listed');
  await app.clickWidget(open);
  await app.screenshot('outbox-invitation.png');
  const link = await app.scrollTo(/^http\S*\/#\/invite\/[A-Za-z0-9_-]+$/, { kind: 'text' });
  const inviteUrl = link.label;
  await app.screenshot('outbox-invitation-link.png');
  await app.click('このアプリで開く', { kind: 'button' });
  await app.waitFor('アカウントの設定', { kind: 'heading' });
  assert.match(await app.route(), /^\/invite\//);
  await app.waitFor('訪問 花子', { kind: 'text' });
  await app.waitFor('houmon-hanako', { kind: 'text' });
  await app.waitFor('みまもり訪問看護ステーション', { kind: 'text' });

  // The checklist follows the typing: two-factor is off, so 13+ mixed characters.
  const rule = async (label) => (await app.scrollTo(label, { kind: 'text' })).value;
  assert.equal(await rule('13文字以上'), 'missing');
  await app.fill('新しいパスワード', 'hanako2026');
  assert.equal(await rule('13文字以上'), 'missing');
  assert.equal(await rule('英字・数字・記号をすべて含む'), 'missing');
  await app.fill('新しいパスワード', 'Hanako-2026-visit!');
  assert.equal(await rule('13文字以上'), 'ok');
  assert.equal(await rule('英字・数字・記号をすべて含む'), 'ok');
  assert.equal(await rule('確認用の入力と一致している'), 'missing');
  assert.equal((await app.scrollTo('パスワードを設定して始める', { kind: 'button' })).enabled, false);
  await app.fill('新しいパスワード（確認のためもう一度）', 'Hanako-2026-visit!');
  assert.equal(await rule('確認用の入力と一致している'), 'ok');
  await app.screenshot('invitation-password.png');
  await app.click('パスワードを設定して始める', { kind: 'button' });

  // Signed in as the new facility manager.
  await app.waitFor('訪問 花子（事業所管理者）', { kind: 'link' });
  assert.equal(await app.route(), '/');
  assert.equal(await app.find('事業所一覧', { kind: 'button' }), null);
  await app.waitFor('スタッフ一覧', { kind: 'button' });

  // The link works once.
  app.expectHttp(410, '/api/v1/invitations/');
  await app.page.goto(inviteUrl);
  await app.waitReady();
  await app.waitFor('このリンクは使えません', { kind: 'heading' });
  await app.waitFor(/^このリンクは有効期限が切れているか、すでに使われています。/, { kind: 'text' });
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('a facility manager registers staff, re-sends the invitation, and un-affiliates after confirming', async () => {
  const app = await signedIn('facility_manager');
  await app.click('スタッフ一覧', { kind: 'button' });
  assert.match(await app.route(), /^\/staff\/\d+$/, 'their own facility');
  await app.click('スタッフを登録', { kind: 'button' });
  await app.fill('氏名', '介護 次郎');
  await app.fill('フリガナ', 'カイゴ ジロウ');
  await app.fill('メールアドレス', 'jiro@example.jp');
  await app.fill('ログインID', 'kaigo-jiro');
  await app.choose('職種', 'ホームヘルパー');
  await app.click('登録して招待メールを送る', { kind: 'button' });
  await app.waitFor('介護 次郎 さんを登録し、招待メールを送りました。', { kind: 'text' });
  assert.match(await app.route(), /^\/staff\/\d+$/);
  await app.scrollTo('介護 次郎', { kind: 'text' });
  assert.ok(await app.findInRow('介護 次郎', '招待中', { kind: 'text' }), 'invited');

  // Re-send: asked first, then done.
  await app.clickWidget(await app.findInRow('介護 次郎', '再送する'));
  await app.waitFor('スタッフ登録再依頼', { kind: 'text' });
  await app.screenshot('staff-reinvite-confirm.png');
  await app.confirm('再送する');
  await app.waitFor(/^招待メールを送り直しました。/, { kind: 'text' });

  // Un-affiliate: cancelling does nothing; confirming removes them.
  let deletes = 0;
  app.page.on('request', (r) => { if (r.method() === 'DELETE' && /\/staff\/\d+$/.test(r.url())) deletes++; });
  await app.clickWidget(await app.findInRow('介護 次郎', '所属解除'));
  await app.waitFor('所属を解除しますか？', { kind: 'text' });
  await app.click('キャンセル', { kind: 'button' });
  assert.equal(await app.find('所属を解除しますか？'), null);
  assert.equal(deletes, 0);
  await app.clickWidget(await app.findInRow('介護 次郎', '所属解除'));
  await app.waitFor('所属を解除しますか？', { kind: 'text' });
  await app.confirm('所属解除');
  await app.waitFor('所属を解除しました。', { kind: 'text' });
  assert.equal(deletes, 1);
  const row = await app.find('介護 次郎', { kind: 'text' });
  assert.ok(!row || await app.findInRow('介護 次郎', '退職・解除', { kind: 'text' }), 'gone from the facility');
  assert.deepEqual(app.problems, []);
  await app.close();

  // A facility user sees the same list without any of these buttons.
  const user = await signedIn('facility_user');
  await user.click('スタッフ一覧', { kind: 'button' });
  await user.waitFor(demoAccount('facility_manager').login, { kind: 'text' });
  for (const label of ['スタッフを登録', '再送する', '所属解除', 'CSVをダウンロード']) {
    assert.equal(await user.find(label, { kind: 'button' }), null, `no "${label}" for a facility user`);
  }
  await user.close();
});

test('the staff list: the administrator picks any facility, a secretariat user sees the secretariat', async () => {
  const admin = await signedIn('secretariat_admin');
  const manager = demoAccount('facility_manager');
  await admin.click('スタッフ一覧', { kind: 'button' });
  await admin.waitFor('事業所', { kind: 'combo' });
  assert.equal((await admin.find('事業所', { kind: 'combo' })).value, 'すべての事業所');
  await admin.choose('事業所', manager.facility);
  assert.match(await admin.route(), /^\/staff\/\d+$/);
  await admin.scrollTo(manager.login, { kind: 'text' });
  assert.ok(await admin.find('スタッフを登録', { kind: 'button' }), 'the administrator may register staff anywhere');
  const others = demoAccounts().filter((a) => a.facility && a.facility !== manager.facility);
  assert.equal(await admin.find(others[0].login, { kind: 'text' }), null, 'only that facility\'s staff');
  await admin.screenshot('staff-by-facility.png');
  await admin.close();

  const secretariat = await signedIn('secretariat_user');
  await secretariat.click('スタッフ一覧', { kind: 'button' });
  await secretariat.waitFor('事務局のスタッフ', { kind: 'text' });
  await secretariat.waitFor(demoAccount('secretariat_admin').login, { kind: 'text' });
  assert.equal(await secretariat.find('スタッフを登録', { kind: 'button' }), null);
  assert.equal(await secretariat.find('CSVをダウンロード', { kind: 'button' }), null);
  await secretariat.close();
});

test('deleting a facility that still has staff is refused with the reason; two-factor becomes required', async () => {
  const app = await signedIn('secretariat_admin');
  const facility = demoAccount('facility_manager').facility;
  await app.click('事業所一覧', { kind: 'button' });
  await app.fill('名前・フリガナで検索', facility);
  await app.click('検索', { kind: 'button' });
  await app.waitFor('1 件', { kind: 'text' });
  await app.clickWidget(await app.findInRow(facility, '開く'));
  await app.waitFor('任意', { kind: 'text' });

  app.expectHttp(409, '/api/v1/facilities/');
  await app.click('削除する', { kind: 'button' });
  await app.waitFor('この事業所を削除しますか？', { kind: 'text' });
  await app.confirm('削除する');
  const refusal = await app.scrollTo(/^できませんでした。サーバーからの理由: .+/, { kind: 'text' });
  assert.match(refusal.label, /staff/, 'the server\'s reason, as it gave it');
  assert.match(await app.route(), /^\/facilities\/\d+$/, 'still there');

  await app.check('この事業所のスタッフに2段階認証を必須にする');
  await app.scrollTo('必須', { kind: 'text' });
  assert.deepEqual(app.problems, []);
  await app.close();

  // Its staff must now set up two-factor sign-in before anything else.
  const user = await env.openApp();
  const nurse = demoAccount('facility_user');
  await user.signIn(nurse.login, nurse.password);
  await user.waitFor(/^所属する事業所の方針により、2段階認証を設定するまで/, { kind: 'text' });
  assert.equal(await user.route(), '/account');
  await user.go('/staff');
  assert.equal(await user.route(), '/account', 'nothing else is reachable');
  await user.close();
});
