// Shared helper of the browser tests: a fresh database and the real mimamori-server serving the
// built bundle, Debian's headless Chromium driven by playwright-core, and an AppPage that finds,
// clicks, types into and reads the app's widgets through window.mimamori.widgets() (ImGui's own
// item records), never by guessed coordinates.
//
//   const env = await startEnvironment();          // database + server + browser, once per file
//   const app = await env.openApp({ path: '/' });  // a new browser context and page
//   await app.click('English');                   // by label (the text the user reads)
//   const field = await app.find('入力欄', { kind: 'input' });
//   await env.stop();
//
// Needs MIMAMORI_TEST_DATABASE_URL (tools/test exports it; by hand:
// `source tools/lib.sh; pg_up build/test-pg; export MIMAMORI_TEST_DATABASE_URL=$PG_URL`) and the
// two builds (build/native/server/mimamori-server, build/web/dist).

import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const DIST = process.env.MIMAMORI_WEB_DIST || path.join(ROOT, 'build/web/dist');
export const ARTIFACTS = path.join(here, 'artifacts');
const SERVER_BIN = process.env.MIMAMORI_SERVER_BIN || path.join(ROOT, 'build/native/server/mimamori-server');
// The demo accounts (issue 3): one sign-in per role, loaded by the server's --demo-data.
export const DEMO_DIR = process.env.MIMAMORI_DEMO_DIR || path.join(ROOT, 'assets/demo');
const execFileAsync = promisify(execFile);

// --- Database and server ------------------------------------------------------------------------

async function psql(url, sql) {
  await execFileAsync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql]);
}

function databaseUrl(baseUrl, name) {
  // "postgresql:///postgres?host=/path/socket&user=app": the database is the URL's path.
  const url = new URL(baseUrl);
  url.pathname = '/' + name;
  return url.toString();
}

// Creates a fresh database and starts mimamori-server on a free port against it; with `demo`,
// the server loads the demo accounts of DEMO_DIR.
export async function startServer({ webRoot = DIST, label = 'browser', demo = false } = {}) {
  const baseUrl = process.env.MIMAMORI_TEST_DATABASE_URL;
  if (!baseUrl) {
    throw new Error('MIMAMORI_TEST_DATABASE_URL is not set: run tools/test, or start the test PostgreSQL ' +
      '(source tools/lib.sh; pg_up build/test-pg) and export MIMAMORI_TEST_DATABASE_URL=$PG_URL');
  }
  if (!fs.existsSync(SERVER_BIN)) throw new Error(`${SERVER_BIN} is missing: build the native preset first`);
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) throw new Error(`${webRoot} has no bundle: build the web preset`);

  const database = `mimamori_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now()}`;
  await psql(baseUrl, `CREATE DATABASE "${database}"`);
  // Argon2id at its minimum, as the server tests run it: a sign-in costs milliseconds instead of a
  // second of a loaded core (hashing itself is tested there, not through the browser).
  const args = ['--address', '127.0.0.1', '--port', '0', '--database-url', databaseUrl(baseUrl, database),
    '--web-root', webRoot, '--password-hash-limits', 'minimum'];
  if (demo) args.push('--demo-data', DEMO_DIR);
  const child = spawn(SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });

  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in 20 s:\n${out}${log}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /mimamori-server listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${out}${log}`));
    });
  });
  child.stdout.resume();

  return {
    url,
    databaseUrl: databaseUrl(baseUrl, database),
    log: () => log,
    // Runs SQL in the server's database: for a state no API call makes (an initial password
    // that must be changed).
    sql: (statement) => psql(databaseUrl(baseUrl, database), statement),
    // Takes the database away under the running server (its connections are ended).
    dropDatabase: () => psql(baseUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) { // still running
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await psql(baseUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
    },
  };
}

// The demo accounts of DEMO_DIR/accounts.json ([{login, password, role, facility, profession}]),
// and the first of each role.
export function demoAccounts() {
  return JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'accounts.json'), 'utf8'));
}
export function demoAccount(role) {
  const account = demoAccounts().find((a) => a.role === role);
  if (!account) throw new Error(`no demo account with the role ${role} in ${DEMO_DIR}/accounts.json`);
  return account;
}

// --- Browser ------------------------------------------------------------------------------------

// Debian's Chromium; playwright-core gives every launch a fresh temporary user-data-dir.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// One test file's world: a server (fresh database) and a browser, started side by side (the
// server's migrations and demo data, Chromium's launch). stop() ends both.
export async function startEnvironment(options = {}) {
  const [started, launched] = await Promise.allSettled([startServer(options), launchBrowser()]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    if (launched.status === 'fulfilled') await launched.value.close().catch(() => {});
    throw started.status === 'rejected' ? started.reason : launched.reason;
  }
  const server = started.value;
  const browser = launched.value;
  return {
    server,
    browser,
    openApp: (appOptions = {}) => openApp(browser, server.url, appOptions),
    async stop() {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

// --- The app ------------------------------------------------------------------------------------

// Opens the app in a new context (viewport, deviceScaleFactor, permissions) and waits for its
// first interactive frame. Console errors, page errors, failed requests and HTTP errors are
// collected in app.problems.
//
// Answers of 400 and above are problems unless expected: GET /api/v1/me answers 401 whenever no
// one is signed in (that is how the app learns it), and a test expects others with
// app.expectHttp(status, urlPart). Chromium's console line for such an answer goes with it.
//
// With `signIn` ({ login, password }), the context is signed in through the API (POST
// /api/v1/session) before the app loads, which then opens on the signed-in screens: for tests
// whose subject is not signing in. The app does not hold that password, so the family space's
// keys cannot be unwrapped: tests of the family space sign in through the screen.
export async function openApp(browser, baseUrl, { path: route = '/', viewport = { width: 1024, height: 768 },
  deviceScaleFactor = 1, permissions = [], hasTouch = false, waitReady = true, acceptDownloads = false,
  signIn = null } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, hasTouch, locale: 'ja-JP', acceptDownloads });
  if (permissions.length) await context.grantPermissions(permissions, { origin: baseUrl });
  if (signIn) {
    const r = await context.request.post(`${baseUrl}/api/v1/session`, { data: { login: signIn.login, password: signIn.password } });
    if (r.status() !== 200) throw new Error(`signing ${signIn.login} in through the API: HTTP ${r.status()} ${await r.text()}`);
  }
  const page = await context.newPage();
  const app = new AppPage(page, context, baseUrl);
  app.expectHttp(401, '/api/v1/me');
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const status = /the server responded with a status of (\d+)/.exec(m.text());
    if (status && app.expected(Number(status[1]), m.location().url)) return;
    app.problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => app.problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The event stream (issue 5) is closed by the app itself at every end of a session.
    if (new URL(r.url()).pathname.endsWith('/api/v1/events') && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    app.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !app.expected(r.status(), r.url())) app.problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  // The browser's file picker stays intercepted for the page's whole life (see chooseFile): the
  // first 'filechooser' listener turns Playwright's interception on with a message it does not
  // wait for, and Chromium may handle a click sent right after it first. Registered before the
  // page loads, it is in force long before anything is clicked.
  page.on('filechooser', () => {});
  await page.goto(baseUrl + '/' + (route === '/' ? '' : '#' + route));
  if (waitReady) await app.waitReady();
  return app;
}

export class AppPage {
  constructor(page, context, baseUrl) {
    this.page = page;
    this.context = context;
    this.baseUrl = baseUrl;
    this.problems = [];
    this.expectedHttp = [];
  }

  // Answers with `status` from URLs containing `urlPart` are expected, not problems.
  expectHttp(status, urlPart) { this.expectedHttp.push({ status, urlPart }); }
  expected(status, url) {
    const u = new URL(url, this.baseUrl);
    return this.expectedHttp.some((e) => e.status === status && (u.pathname + u.search).includes(e.urlPart));
  }

  async waitReady(timeout = 30000) {
    await this.page.waitForFunction(() => window.mimamori && window.mimamori.ready(), null, { timeout });
    await this.settle();
  }

  // Waits until no frame is scheduled and no request is in flight, and has not been for 30 ms (so
  // that a frame that requests the next one is not mistaken for the end). Watched in the page
  // every few milliseconds: one round trip, not one per look.
  async settle(timeout = 10000) {
    const settled = await this.watch(({ ms }) => new Promise((resolve) => {
      const end = performance.now() + ms;
      let quietSince = null;
      const look = () => {
        const now = performance.now();
        if (!(window.mimamori && window.mimamori.idle())) quietSince = null;
        else if (quietSince === null) quietSince = now;
        else if (now - quietSince >= 30) return resolve(true);
        if (now > end) return resolve(false);
        setTimeout(look, 5);
      };
      look();
    }), {}, timeout);
    if (!settled) throw new Error('the app did not settle');
  }

  widgets() { return this.page.evaluate(() => window.mimamori.widgets()); }
  frames() { return this.page.evaluate(() => window.mimamori.frames()); }
  route() { return this.page.evaluate(() => window.mimamori.route()); }
  metrics() { return this.page.evaluate(() => window.mimamori.metrics()); }

  // Runs `fn({...arg, ms})` in the page, a promise that watches the app for at most `ms`; when the
  // page is reloaded under it, again in the new document, for what is left of `timeout`.
  async watch(fn, arg, timeout) {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        return await this.page.evaluate(fn, { ...arg, ms: Math.max(0, deadline - Date.now()) });
      } catch (e) {
        if (!/Execution context was destroyed|navigat/i.test(e.message) || Date.now() > deadline) throw e;
      }
    }
  }

  // The first widget whose label is `label` (a string, or a RegExp), optionally of a kind.
  async find(label, { kind } = {}) {
    const matches = (w) => (label instanceof RegExp ? label.test(w.label) : w.label === label) &&
      (!kind || w.kind === kind);
    return (await this.widgets()).find(matches) || null;
  }

  // Waits for a widget to be on screen and returns it. Looked for in the page after each frame
  // the app draws (widgets change only then), one round trip in all rather than one per look.
  async waitFor(label, { kind, timeout = 10000 } = {}) {
    const wanted = label instanceof RegExp ? { source: label.source, flags: label.flags } : { text: label };
    const w = await this.watch(({ wanted, kind, ms }) => new Promise((resolve) => {
      const re = wanted.source !== undefined ? new RegExp(wanted.source, wanted.flags) : null;
      const matches = (x) => (re ? re.test(x.label) : x.label === wanted.text) && (!kind || x.kind === kind);
      const end = performance.now() + ms;
      let seenFrame = -1;
      const look = () => {
        let found = null;
        try {
          const frame = window.mimamori.frames();
          if (frame !== seenFrame) found = window.mimamori.widgets().find(matches) || null;
          seenFrame = frame;
        } catch (e) { /* not started yet */ }
        if (found || performance.now() >= end) return resolve(found);
        setTimeout(look, 10);
      };
      look();
    }), { wanted, kind: kind || null }, timeout);
    if (w) return w;
    const seen = (await this.widgets()).map((x) => `${x.kind}:${x.label}`).join(', ');
    throw new Error(`no widget "${label}"${kind ? ` (${kind})` : ''} on screen; seen: ${seen}`);
  }

  // The top and bottom (CSS pixels) between which a widget is seen: the part of its window on
  // screen (the test hook's `visible`: for the scrolling screen, from the bottom of the app's
  // fixed header down), within the browser's window.
  static shownSpan(w, viewport) {
    const v = w.visible;
    const top = v && v.h > 0 ? Math.max(0, v.y) : 0;
    const bottom = v && v.h > 0 ? Math.min(viewport.height, v.y + v.h) : viewport.height;
    return { top, bottom };
  }

  // Scrolls the screen with the mouse wheel until a widget is wholly in the visible part of its
  // window (not half under the app's header, not cut off at the bottom; one taller than that
  // part: its top in the upper half of it), and returns it. The wheel is turned over the middle
  // of the window (the app's scrolling column): towards the widget when it is partly shown, else
  // down, and back up once the bottom is reached.
  async scrollTo(label, { kind, steps = 40 } = {}) {
    const viewport = this.page.viewportSize();
    const slack = 0.5; // CSS pixels of rounding (a canvas of deviceScaleFactor 2)
    const inView = (w) => {
      if (!w) return false;
      const { top, bottom } = AppPage.shownSpan(w, viewport);
      if (w.rect.h > bottom - top) return w.rect.y >= top - slack && w.rect.y < bottom - (bottom - top) / 2;
      return w.rect.y >= top - slack && w.rect.y + w.rect.h <= bottom + slack;
    };
    // Above the visible part (under the header): up; below it or not on screen: down.
    const below = (w) => w.rect.y >= AppPage.shownSpan(w, viewport).top - slack;
    const layout = async () => JSON.stringify((await this.widgets()).map((w) => [w.label, Math.round(w.rect.y)]));
    let down = true;
    for (let i = 0; i < steps; i++) {
      const w = await this.find(label, { kind });
      if (inView(w)) return w;
      const before = await layout();
      await this.page.mouse.move(viewport.width / 2, viewport.height * 0.75);
      await this.page.mouse.wheel(0, (w ? below(w) : down) ? 120 : -120);
      await this.settle();
      if (!w && (await layout()) === before) {
        if (!down) break; // the top too: it is not there
        down = false;
      }
    }
    const w = await this.waitFor(label, { kind, timeout: 0 });
    if (!inView(w)) throw new Error(`widget "${label}" cannot be scrolled into view`);
    return w;
  }

  // Clicks the middle of a widget found by label (scrolled to if needed), then waits for the
  // app to settle.
  async click(label, { kind } = {}) {
    const w = await this.scrollTo(label, { kind });
    if (!w.enabled) throw new Error(`widget "${label}" is disabled`);
    await this.page.mouse.click(w.rect.x + w.rect.w / 2, w.rect.y + w.rect.h / 2);
    await this.settle();
    return w;
  }

  // Taps a widget with a touch (needs the context opened with hasTouch: true).
  async tap(label, { kind } = {}) {
    const w = await this.scrollTo(label, { kind });
    await this.page.touchscreen.tap(w.rect.x + w.rect.w / 2, w.rect.y + w.rect.h / 2);
    await this.settle();
    return w;
  }

  // Drags a finger vertically from (x, y) by dy CSS pixels (negative: upwards, which scrolls
  // the content up), as a touch screen sends it.
  async swipe(x, y, dy, steps = 10) {
    const cdp = await this.context.newCDPSession(this.page);
    const point = (py) => [{ x, y: py, id: 1 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(y) });
    for (let i = 1; i <= steps; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(y + (dy * i) / steps) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    await this.settle();
  }

  // Two fingers around (x, y), side by side: `from` CSS pixels apart at first, `to` at the end
  // (wider: zooms in), as a touch screen sends a pinch.
  async pinch(x, y, from, to, steps = 8) {
    const cdp = await this.context.newCDPSession(this.page);
    const points = (d) => [{ x: x - d / 2, y, id: 1 }, { x: x + d / 2, y, id: 2 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(from) });
    for (let i = 1; i <= steps; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(from + ((to - from) * i) / steps) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    await this.settle();
  }

  // Clicks the text field captioned `caption`, replaces what it holds with `text`. The text comes
  // in one input event, as an IME's committed text or a phone's autofill does (typing key by key,
  // a round trip to a busy renderer per key, is input.test.mjs's subject: app.type).
  async fill(caption, text) {
    await this.click(caption, { kind: 'input' });
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    if (text) await this.page.keyboard.insertText(text);
    await this.settle();
  }

  // Ticks or clears a check box by its text.
  async check(label, value = true) {
    const box = await this.scrollTo(label, { kind: 'checkbox' });
    if ((box.value === 'true') !== value) await this.click(label, { kind: 'checkbox' });
  }

  // Chooses `option` in the drop-down captioned `caption`.
  async choose(caption, option) {
    await this.click(caption, { kind: 'combo' });
    await this.click(option);
  }

  // The widget labelled `label` on the same line as the text `rowText` (a button in a table row);
  // where `rowText` is on several lines (a name in two tables), the first line that has one.
  async findInRow(rowText, label, { kind = 'button' } = {}) {
    const widgets = await this.widgets();
    const rows = widgets.filter((w) => (rowText instanceof RegExp ? rowText.test(w.label) : w.label === rowText));
    if (!rows.length) throw new Error(`no row "${rowText}" on screen`);
    for (const row of rows) {
      const middle = row.rect.y + row.rect.h / 2;
      const found = widgets.find((w) => w.label === label && (!kind || w.kind === kind) &&
        w.rect.y <= middle && w.rect.y + w.rect.h >= middle);
      if (found) return found;
    }
    return null;
  }

  // The confirmation dialog's button labelled `label` (ui::ConfirmDialog: ids "###confirm-..."),
  // drawn over the screen, whose own button of the same label is behind it.
  async dialogButton(label) {
    return (await this.widgets()).filter((w) => w.label === label && w.kind === 'button' && /###confirm-/.test(w.id)).pop() ||
      null;
  }

  // Presses the confirmation dialog's button labelled `label`.
  async confirm(label) {
    const button = await this.dialogButton(label);
    if (!button) throw new Error(`no confirmation dialog with a "${label}" button`);
    await this.clickWidget(button);
  }

  // Draws `strokes` on the widget `w` (a signature pad): each stroke a list of [x, y] fractions of
  // its rectangle, passed through in small steps as a hand moves. With `touch`, as a finger on a
  // touch screen (CDP touch events: pointerType "touch"), else with the mouse.
  async draw(w, strokes, { touch = false, steps = 6 } = {}) {
    const at = ([fx, fy]) => ({ x: w.rect.x + fx * w.rect.w, y: w.rect.y + fy * w.rect.h });
    const cdp = touch ? await this.context.newCDPSession(this.page) : null;
    for (const stroke of strokes) {
      const first = at(stroke[0]);
      if (touch) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...first, id: 1 }] });
      } else {
        await this.page.mouse.move(first.x, first.y);
        await this.page.mouse.down();
      }
      let last = first;
      for (const point of stroke.slice(1)) {
        const to = at(point);
        for (let i = 1; i <= steps; i++) {
          const p = { x: last.x + ((to.x - last.x) * i) / steps, y: last.y + ((to.y - last.y) * i) / steps };
          if (touch) {
            await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ ...p, id: 1 }] });
          } else {
            await this.page.mouse.move(p.x, p.y);
          }
        }
        last = to;
      }
      if (touch) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      } else {
        await this.page.mouse.up();
      }
      await this.settle();
    }
    if (cdp) await cdp.detach();
  }

  // Calls the API from the page as the signed-in person (session cookie, CSRF token from GET /me,
  // a fresh Idempotency-Key): for a state the test needs but whose screen is tested elsewhere.
  // Returns { status, body } (body parsed when JSON).
  async api(method, path, body) {
    return this.page.evaluate(async ({ method, path, body }) => {
      const me = await (await fetch('api/v1/me', { credentials: 'same-origin' })).json();
      const headers = { 'X-CSRF-Token': me.csrf_token, 'Idempotency-Key': crypto.randomUUID() };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch('api/v1/' + path, {
        method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed = text;
      try { parsed = JSON.parse(text); } catch (e) { /* not JSON */ }
      return { status: response.status, body: parsed };
    }, { method, path, body });
  }

  // Clicks the middle of a widget already found.
  async clickWidget(w) {
    await this.page.mouse.click(w.rect.x + w.rect.w / 2, w.rect.y + w.rect.h / 2);
    await this.settle();
  }

  // Presses the button `label` (scrolled to), which opens the browser's file picker, and chooses
  // `files` in it (paths, or { name, mimeType, buffer }); what the app then does with them (a
  // check, an upload) is the caller's to wait for. The picker is intercepted all along (openApp),
  // so the listener added here does not turn the interception on: turned on only now, by a
  // message Playwright does not wait for, Chromium's renderer could handle the click's input
  // events first, and the picker opened unintercepted and closed as cancelled (the flake of
  // consent.test.mjs).
  async chooseFile(label, files, { kind = 'button', timeout = 10000 } = {}) {
    const w = await this.scrollTo(label, { kind });
    if (!w.enabled) throw new Error(`widget "${label}" is disabled`);
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser', { timeout }), this.clickWidget(w)]);
    await chooser.setFiles(files);
    return w;
  }

  // Goes to a route as a link would (#/path).
  async go(route) {
    await this.page.evaluate((r) => { window.location.hash = '#' + r; }, route);
    await this.settle();
  }

  // Signs in on the sign-in screen (the app must show it) and waits for the next screen.
  async signIn(login, password, { kiosk = false } = {}) {
    await this.waitFor('サインイン', { kind: 'heading' });
    await this.fill('ログインID', login);
    await this.fill('パスワード', password);
    if (kiosk) await this.check('共有の端末で使う');
    await this.click('サインイン', { kind: 'button' });
  }

  // Types into the active text field as a keyboard would.
  async type(text) {
    await this.page.keyboard.type(text);
    await this.settle();
  }

  // Saves a screenshot in tests/browser/artifacts/ and returns its path.
  async screenshot(name) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, name);
    await this.page.screenshot({ path: file });
    return file;
  }

  close() { return this.context.close(); }
}

// --- Screenshots as pixels ------------------------------------------------------------------------

// Decodes the PNGs Chromium writes (8-bit RGB or RGBA, not interlaced) into
// { width, height, channels, data } for measuring what was drawn.
// Cuts the second PATCH sent to /api/v1/uploads/ from this page (as a dropped connection would),
// lets everything else through, and records each PATCH's Upload-Offset and the HEADs the app sends
// to learn where to resume. Returns that record, filled in as the upload goes.
export async function cutSecondUploadPatch(page) {
  const seen = { patches: [], heads: 0 };
  await page.route('**/api/v1/uploads/*', async (route) => {
    const r = route.request();
    if (r.method() === 'HEAD') seen.heads++;
    if (r.method() !== 'PATCH') return route.continue();
    seen.patches.push(Number(r.headers()['upload-offset']));
    if (seen.patches.length === 2) return route.abort('connectionreset');
    return route.continue();
  });
  return seen;
}

export function decodePng(buffer) {
  if (buffer.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0, height = 0, channels = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) throw new Error('unsupported PNG');
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(body);
    }
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[y * stride + x - channels] : 0;
      const b = y > 0 ? data[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? data[(y - 1) * stride + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      data[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, channels, data };
}

// The fraction of pixels in `rect` (image pixels) darker than `threshold` (0..255 luminance).
export function darkFraction(image, rect, threshold = 128) {
  let dark = 0, total = 0;
  const x0 = Math.max(0, Math.floor(rect.x)), y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(image.width, Math.ceil(rect.x + rect.w)), y1 = Math.min(image.height, Math.ceil(rect.y + rect.h));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * image.channels;
      const lum = 0.2126 * image.data[i] + 0.7152 * image.data[i + 1] + 0.0722 * image.data[i + 2];
      if (lum < threshold) dark++;
      total++;
    }
  }
  return total ? dark / total : 0;
}

// How the file name over a full view (files/image_viewer: the text on the line of its 閉じる
// button) reads on the view's dark surface, from a screenshot: the share of its rectangle that is
// dark background (luminance under 80) and the share that is light ink (160 and over). Light text
// there gives about 0.6-0.9 and 0.1 or more; the day's dark text colour gives no light ink at all.
export async function fullViewNameInk(app, name) {
  const widgets = await app.widgets();
  const close = widgets.find((w) => w.kind === 'button' && w.label === '閉じる');
  const middle = (w) => w.rect.y + w.rect.h / 2;
  const title = close && widgets.find((w) => w.kind === 'text' && w.label === name &&
    Math.abs(middle(w) - middle(close)) < close.rect.h / 2);
  if (!title) throw new Error(`no name "${name}" beside a 閉じる button`);
  const image = decodePng(await app.page.screenshot());
  const k = image.width / app.page.viewportSize().width; // device pixels per CSS pixel
  const rect = { x: title.rect.x * k, y: title.rect.y * k, w: title.rect.w * k, h: title.rect.h * k };
  return { background: darkFraction(image, rect, 80), ink: 1 - darkFraction(image, rect, 160) };
}
