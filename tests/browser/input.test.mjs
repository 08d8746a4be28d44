// Text input: Japanese through an IME composition, plain typing, editing keys, clipboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment } from './harness.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'input' }); });
after(async () => { await env?.stop(); });

async function fieldValue(app) {
  return (await app.waitFor('入力欄', { kind: 'input' })).value;
}

test('「訪問看護」 typed through an IME composition ends up in the text field', async () => {
  const app = await env.openApp({ path: '/health' });
  const field = await app.click('入力欄', { kind: 'input' });
  assert.equal((await app.find('入力欄', { kind: 'input' })).active, true, 'the click activated the field');
  assert.equal(await app.page.evaluate(() => document.activeElement.id), 'mimamori-ime');

  // What Chromium does for a Japanese IME: pre-edit updates, then the committed text.
  const cdp = await app.context.newCDPSession(app.page);
  for (const text of ['ほ', 'ほうもん', 'ほうもんかんご', '訪問看護']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await app.settle();
  // While composing, the pre-edit text shows in the IME field at the caret, not yet in ImGui.
  const preedit = await app.page.evaluate(() => {
    const ime = document.getElementById('mimamori-ime');
    const r = ime.getBoundingClientRect();
    return { composing: ime.classList.contains('composing'), value: ime.value, x: r.x, y: r.y };
  });
  assert.equal(preedit.composing, true);
  assert.equal(preedit.value, '訪問看護');
  assert.ok(preedit.x >= field.rect.x && preedit.x < field.rect.x + field.rect.w, 'the pre-edit is over the field');
  assert.ok(preedit.y >= field.rect.y - 2 && preedit.y < field.rect.y + field.rect.h, 'the pre-edit is on its line');
  assert.equal(await fieldValue(app), '');

  await cdp.send('Input.insertText', { text: '訪問看護' });
  await app.settle();
  assert.equal(await fieldValue(app), '訪問看護');
  await app.waitFor('4 文字', { kind: 'text' });
  await app.screenshot('ime-composition.png');
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('typed letters arrive once; Backspace, arrows and Enter edit as expected', async () => {
  const app = await env.openApp({ path: '/health' });
  await app.click('入力欄', { kind: 'input' });
  await app.type('abc');
  assert.equal(await fieldValue(app), 'abc', 'no letter doubled');
  await app.page.keyboard.press('Backspace');
  await app.page.keyboard.press('ArrowLeft');
  await app.page.keyboard.type('X');
  await app.page.keyboard.press('Enter');
  await app.settle();
  assert.equal(await fieldValue(app), 'aXb');
  await app.close();
});

test('copy goes to the system clipboard and paste comes from it', async () => {
  const app = await env.openApp({ path: '/health', permissions: ['clipboard-read', 'clipboard-write'] });
  await app.click('入力欄', { kind: 'input' });
  await app.type('在宅');
  await app.page.keyboard.press('Control+A');
  await app.page.keyboard.press('Control+C');
  await app.settle();
  assert.equal(await app.page.evaluate(() => navigator.clipboard.readText()), '在宅');

  await app.page.evaluate(() => navigator.clipboard.writeText('訪問診療'));
  await app.page.keyboard.press('End');
  await app.page.keyboard.press('Control+V');
  await app.settle();
  assert.equal(await fieldValue(app), '在宅訪問診療', 'pasted once, after the cursor');
  await app.close();
});

test('clicking outside the field ends text input and releases the IME field', async () => {
  const app = await env.openApp({ path: '/health' });
  await app.click('入力欄', { kind: 'input' });
  assert.equal(await app.page.evaluate(() => document.activeElement.id), 'mimamori-ime');
  await app.click('文字入力の確認', { kind: 'heading' });
  assert.equal((await app.find('入力欄', { kind: 'input' })).active, false);
  assert.notEqual(await app.page.evaluate(() => document.activeElement.id), 'mimamori-ime');
  await app.close();
});
