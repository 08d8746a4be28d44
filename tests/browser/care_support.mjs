// What the care-team browser tests share (patients.test.mjs, consent.test.mjs, family.test.mjs):
// signing in as a demo account by login id, the demo region's people and patients, a patient
// made through the API for tests whose subject is another screen, and files to upload.
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, DEMO_DIR, demoAccounts } from './harness.mjs';

// The demo account of `login` (assets/demo/accounts.json).
export function account(login) {
  const a = demoAccounts().find((x) => x.login === login);
  if (!a) throw new Error(`no demo account ${login} in ${DEMO_DIR}/accounts.json`);
  return a;
}

// The demo region (assets/demo/region.json): facilities with their staff, and patients.
export function region() {
  return JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'region.json'), 'utf8'));
}

// A person of the demo region by login id: { name, name_kana, profession, facility }.
export function person(login) {
  for (const f of region().facilities || []) {
    const s = (f.staff || []).find((x) => x.login === login);
    if (s) return { ...s, facility: f.name };
  }
  throw new Error(`no staff member ${login} in ${DEMO_DIR}/region.json`);
}

// Opens the app signed in as `login` (through the API: signing in is signin.test.mjs's subject)
// and waits for the home screen.
export async function signedIn(env, login, options = {}) {
  const a = account(login);
  const app = await env.openApp({ ...options, signIn: { login: a.login, password: a.password } });
  await app.waitFor('ホーム', { kind: 'button' });
  return app;
}

// The id of the facility `name`, as the signed-in person's GET /me lists it.
export async function ownFacilityId(app, name) {
  const me = await app.api('GET', 'me');
  const a = me.body.affiliations.find((x) => x.facility_name === name);
  if (!a) throw new Error(`${name} is not a facility of the signed-in account`);
  return a.facility_id;
}

let serial = 0;
// Registers a patient of `facilityId` through the API (a name unique to this run) and returns it.
export async function registerPatient(app, facilityId, fields = {}) {
  serial += 1;
  const body = {
    name: `試験 ${['一', '二', '三', '四', '五', '六'][serial % 6]}郎${serial}`,
    name_kana: `シケン ${'アイウエオカキクケコ'[serial % 10]}${'サシスセソタチツテト'[(serial * 7) % 10]}ロウ`,
    birth_date: `19${30 + serial}-0${1 + (serial % 9)}-1${serial % 10}`,
    sex: 'male', address: '福井県福井市大手3-10-1', phone: '0776-20-0000', facility_id: facilityId,
    allow_duplicate: true, ...fields,
  };
  const r = await app.api('POST', 'patients', body);
  if (r.status !== 201) throw new Error(`registering a patient: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.patient;
}

// Records an e-consent on the signing screen (tested in detail in patients.test.mjs): the patient
// signs one stroke; with `family`, family participation is included.
export async function signConsent(app, patientId, { family = true } = {}) {
  await app.go(`/patients/${patientId}/consent`);
  await app.waitFor('同意の記録', { kind: 'heading' });
  if (family) await app.check('家族の参加（家族の連絡帳）にも同意する');
  const pad = await app.scrollTo('signature-pad', { kind: 'image' });
  await app.draw(pad, [[[0.2, 0.6], [0.4, 0.3], [0.6, 0.7], [0.8, 0.4]]]);
  await app.click('同意を記録する', { kind: 'button' });
  await app.waitFor('同意を記録しました。', { kind: 'text' });
}

// Writes `bytes` to a file under artifacts/ (uploads chosen with the browser's file picker).
export function fixtureFile(name, bytes) {
  const dir = path.join(ARTIFACTS, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

// A small, whole PDF (ends with %%EOF), as a scanner would save a signed form.
export function signedFormPdf() {
  const body = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n';
  return Buffer.from(body, 'latin1');
}
