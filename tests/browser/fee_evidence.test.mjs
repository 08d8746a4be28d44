// Fee-rule evidence (issue 5): the clinic's manager opens the screen from the menu; a doctor's
// visit record without the next visit date makes the patient's month miss a condition of
// 在宅医療情報連携加算, shown as not met with the finding; an impossible month is refused before
// anything is asked; the secretariat's user (no facility of her own) has neither the menu entry
// nor the screen.
import fs from 'node:fs';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment } from './harness.mjs';
import { signedIn } from './care_support.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'fee-evidence', demo: true }); });
after(async () => { await env?.stop(); });

const DOCTOR = 'asuwa-kobayashi'; // manager of あすわ在宅クリニック, in patient 1's team (consent active)
const PATIENT = 1;

test('the clinic sees which condition a patient misses this month, and the CSV download', async () => {
  const doctor = await signedIn(env, DOCTOR, { viewport: { width: 1024, height: 768 }, acceptDownloads: true });
  // A doctor's home-visit record without the items the fee rule asks for.
  const posted = await doctor.api('POST', `patients/${PATIENT}/memos`, { kind: 'visit_record', text: '訪問診療。状態は安定。' });
  assert.equal(posted.status, 201, JSON.stringify(posted.body));
  assert.ok(posted.body.memo.record_gaps.includes('next_visit_date'));

  await doctor.click('加算の根拠', { kind: 'button' });
  await doctor.waitFor('加算の根拠', { kind: 'heading' });
  await doctor.waitFor('在宅医療情報連携加算', { kind: 'heading' });
  const badge = await doctor.waitFor('要件不足', { kind: 'text' });
  assert.equal(badge.value, 'badge');
  const missing = (await doctor.widgets()).filter((w) => w.kind === 'text' && w.value === 'missing');
  assert.ok(missing.length > 0, 'a condition is shown as not met');
  await doctor.scrollTo('CSVをダウンロード', { kind: 'button' });
  await doctor.screenshot('fee-evidence.png');
  // The evidence as CSV (Excel's UTF-8 with a byte order mark): a header and the patient's month.
  const [file] = await Promise.all([
    doctor.page.waitForEvent('download'),
    doctor.click('CSVをダウンロード', { kind: 'button' }),
  ]);
  assert.match(file.url(), /\/api\/v1\/facilities\/\d+\/fee-evidence\/home-care\.csv\?/);
  const csv = fs.readFileSync(await file.path());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = csv.toString('utf8').slice(1).split('\r\n');
  assert.match(lines[0], /^患者ID,患者名,対象月,算定可否/);
  assert.ok(lines.some((l) => l.startsWith(`${PATIENT},`)), `patient ${PATIENT} has a row: ${lines.slice(0, 4).join(' / ')}`);

  // An impossible month: refused here, nothing asked.
  let asked = 0;
  doctor.page.on('request', (r) => { if (r.url().includes('/fee-evidence/')) asked++; });
  await doctor.fill('対象月', '2026-13');
  await doctor.click('表示', { kind: 'button' });
  await doctor.waitFor('対象月は 2026-11 のように入力してください。', { kind: 'text' });
  assert.equal(asked, 0);

  // A finding links to the memo it is about.
  await doctor.click('前月', { kind: 'button' }); // from an invalid month: stays, and is refused again
  await doctor.fill('対象月', posted.body.memo.created_at.slice(0, 7));
  await doctor.click('表示', { kind: 'button' });
  await doctor.waitFor('要件不足', { kind: 'text' });
  const open = await doctor.find('メモを開く', { kind: 'link' });
  if (open) {
    await doctor.clickWidget(open);
    assert.match(await doctor.route(), new RegExp(`^/patients/\\d+/memos/\\d+$`));
  }
  assert.deepEqual(doctor.problems, []);
  await doctor.close();
});

test('the secretariat user (no facility, not the administrator) has no fee-evidence screen', async () => {
  const clerk = await signedIn(env, 'jimukyoku-tanto');
  assert.equal(await clerk.find('加算の根拠', { kind: 'button' }), null, 'no menu entry');
  await clerk.go('/fee-evidence');
  await clerk.waitFor('この画面を開く権限がありません', { kind: 'heading' });
  await clerk.close();
});
