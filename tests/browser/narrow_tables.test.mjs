// The lists of the master screens on a phone (issue 4): at 390 px the tables of facilities, staff,
// patients and the access log would cut every column to a character or two, so they are drawn
// stacked -- each row a block of lines, a header beside its value -- and no text runs over
// another; at 1024 px they stay tables, their headers side by side.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment, AppPage } from './harness.mjs';
import { signedIn } from './care_support.mjs';

const ADMIN = 'jimukyoku-kanri';
const SCREENS = [
  { route: '/facilities', count: /^\d+ 件$/, headers: ['事業所名', '種別'] },
  { route: '/staff', count: /^\d+ 件$/, headers: ['氏名', 'ログインID'] },
  { route: '/patients', count: /^\d+ 件$/, headers: ['患者氏名', 'フリガナ'] },
  { route: '/audit', count: /^新しい順に \d+ 件/, headers: ['日時', '操作者'] },
];

let env;
before(async () => { env = await startEnvironment({ label: 'narrow_tables', demo: true }); });
after(async () => { await env?.stop(); });

const middle = (w) => w.rect.y + w.rect.h / 2;
const sameLine = (a, b) => Math.abs(middle(a) - middle(b)) < Math.min(a.rect.h, b.rect.h) / 2;

// The texts of the list on screen: the list scrolled up to its count line near the top, those
// below that line wholly in the shown part of the screen.
async function listTexts(app, count) {
  let line = await app.scrollTo(count, { kind: 'text' });
  const viewport = app.page.viewportSize();
  const span = AppPage.shownSpan(line, viewport); // under the app's header, which does not scroll
  await app.page.mouse.move(viewport.width / 2, (span.top + span.bottom) / 2);
  for (let i = 0; i < 20 && line.rect.y > AppPage.shownSpan(line, viewport).top + 100; i++) {
    await app.page.mouse.wheel(0, 100);
    await app.settle();
    line = await app.find(count, { kind: 'text' });
  }
  return (await app.widgets()).filter((w) => {
    const shown = AppPage.shownSpan(w, viewport);
    return w.kind === 'text' && w.rect.y > line.rect.y + line.rect.h && w.rect.y >= shown.top &&
      w.rect.y + w.rect.h <= shown.bottom;
  });
}

// Pairs of texts on one line of which the left one runs into the right one (a column narrower
// than its text: ImGui cuts it, the test hook still has its whole width).
function runsOver(texts) {
  const found = [];
  for (const a of texts) {
    for (const b of texts) {
      if (a !== b && a.rect.x <= b.rect.x && sameLine(a, b) && a.rect.x + a.rect.w > b.rect.x + 1) {
        found.push(`${a.label} -> ${b.label}`);
      }
    }
  }
  return found;
}

test('at 390 px each list is stacked and no text runs over another; at 1024 px it is a table', async () => {
  const phone = await signedIn(env, ADMIN, { viewport: { width: 390, height: 844 }, hasTouch: true });
  const desk = await signedIn(env, ADMIN);
  for (const screen of SCREENS) {
    await phone.go(screen.route);
    const texts = await listTexts(phone, screen.count);
    const [first, second] = screen.headers.map((h) => texts.find((w) => w.label === h));
    assert.ok(first && second, `${screen.route}: the headers ${screen.headers} beside the first row's values; seen ${texts.map((w) => `${w.label}@${Math.round(w.rect.y)}`)}`);
    assert.ok(!sameLine(first, second) && second.rect.y > first.rect.y, `${screen.route}: stacked, a line per column`);
    const values = texts.filter((w) => sameLine(w, first) && w !== first);
    assert.ok(values.length >= 1 && values.every((v) => v.rect.x > first.rect.x + first.rect.w),
      `${screen.route}: the value beside its header`);
    assert.deepEqual(runsOver(texts), [], `${screen.route}: no text runs over another`);
    await phone.screenshot(`narrow${screen.route.replace('/', '-')}.png`);

    await desk.go(screen.route);
    const wide = await listTexts(desk, screen.count);
    const [a, b] = screen.headers.map((h) => wide.find((w) => w.label === h));
    assert.ok(a && b && sameLine(a, b) && b.rect.x > a.rect.x, `${screen.route}: a table at 1024 px`);
  }
  assert.deepEqual(phone.problems, []);
  assert.deepEqual(desk.problems, []);
  await phone.close();
  await desk.close();
});
