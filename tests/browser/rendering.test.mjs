// Rendering: nothing is drawn while idle, and text is rasterised for the screen's pixel ratio.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment, decodePng } from './harness.mjs';

let env;
before(async () => { env = await startEnvironment({ label: 'rendering' }); });
after(async () => { await env?.stop(); });

test('no frame is rendered during 2 idle seconds; input renders some', async () => {
  const app = await env.openApp({ path: '/health' });
  const before = await app.frames();
  await app.page.waitForTimeout(2000);
  assert.equal(await app.frames(), before, 'frames while idle');

  // The counter does move when something happens: a hover over a button.
  const button = await app.find('再確認', { kind: 'button' });
  await app.page.mouse.move(button.rect.x + 5, button.rect.y + 5);
  await app.settle();
  const afterMove = await app.frames();
  assert.ok(afterMove > before, 'a mouse move renders frames');
  await app.page.waitForTimeout(1000);
  assert.equal(await app.frames(), afterMove, 'and then it is idle again');
  await app.close();
});

// Mean luminance step between horizontally adjacent pixels where it changes: high for sharp
// text edges, low when glyphs were upscaled (blurred over two pixels).
function edgeSharpness(image, rect) {
  let sum = 0, count = 0;
  const lum = (x, y) => {
    const i = (y * image.width + x) * image.channels;
    return 0.2126 * image.data[i] + 0.7152 * image.data[i + 1] + 0.0722 * image.data[i + 2];
  };
  for (let y = Math.floor(rect.y); y < Math.ceil(rect.y + rect.h); y++) {
    for (let x = Math.floor(rect.x); x + 1 < Math.ceil(rect.x + rect.w); x++) {
      const d = Math.abs(lum(x + 1, y) - lum(x, y));
      if (d > 8) { sum += d; count++; }
    }
  }
  return count ? sum / count : 0;
}

// The image a browser shows when an app ignores the pixel ratio: each CSS pixel stretched
// over 2x2 device pixels with bilinear filtering.
function upscale2x(image) {
  const w = image.width * 2, h = image.height * 2, c = image.channels;
  const data = Buffer.alloc(w * h * c);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(image.height - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
    const y0 = Math.floor(sy), y1 = Math.min(image.height - 1, y0 + 1), fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(image.width - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
      const x0 = Math.floor(sx), x1 = Math.min(image.width - 1, x0 + 1), fx = sx - x0;
      for (let k = 0; k < c; k++) {
        const p = (xx, yy) => image.data[(yy * image.width + xx) * c + k];
        const top = p(x0, y0) * (1 - fx) + p(x1, y0) * fx;
        const bottom = p(x0, y1) * (1 - fx) + p(x1, y1) * fx;
        data[(y * w + x) * c + k] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width: w, height: h, channels: c, data };
}

test('devicePixelRatio 2: backing store, glyphs and edges at twice the resolution, same layout', async () => {
  const one = await env.openApp({ path: '/health', deviceScaleFactor: 1 });
  const two = await env.openApp({ path: '/health', deviceScaleFactor: 2 });
  const m1 = await one.metrics();
  const m2 = await two.metrics();
  assert.equal(m2.pixelRatio, 2);
  assert.equal(m2.canvasWidth, Math.round(m2.cssWidth * 2), 'canvas backing store is 2x its CSS width');
  assert.equal(m2.canvasHeight, Math.round(m2.cssHeight * 2));
  assert.equal(m2.displayWidth, m2.canvasWidth, 'ImGui draws on every device pixel');
  assert.equal(m2.fontPixels, 2 * m1.fontPixels, 'glyphs rasterised at twice the size');

  // The layout in CSS pixels is the same at both ratios.
  const h1 = await one.waitFor('システムの状態', { kind: 'heading' });
  const h2 = await two.waitFor('システムの状態', { kind: 'heading' });
  for (const k of ['x', 'y', 'w', 'h']) assert.ok(Math.abs(h1.rect[k] - h2.rect[k]) <= 2, `heading ${k}`);

  // Sharper than the same text at 1x stretched to 2x, which is what ignoring the ratio gives.
  const shot1 = decodePng(await one.page.screenshot());
  const shot2 = decodePng(await two.page.screenshot());
  await two.screenshot('start-screen-dpr2.png');
  const rect2 = { x: h2.rect.x * 2, y: h2.rect.y * 2, w: h2.rect.w * 2, h: h2.rect.h * 2 };
  const sharp = edgeSharpness(shot2, rect2);
  const stretched = edgeSharpness(upscale2x(shot1), rect2);
  assert.ok(sharp > stretched * 1.25, `edges at 2x (${sharp.toFixed(1)}) sharper than stretched 1x (${stretched.toFixed(1)})`);
  await one.close();
  await two.close();
});

test('a window resize resizes the canvas and the layout follows', async () => {
  const app = await env.openApp({ path: '/health', viewport: { width: 1024, height: 768 } });
  const wide = await app.waitFor('English', { kind: 'button' });
  await app.page.setViewportSize({ width: 600, height: 800 });
  await app.settle();
  const m = await app.metrics();
  assert.equal(m.canvasWidth, 600);
  assert.equal(m.displayWidth, 600);
  const narrow = await app.waitFor('English', { kind: 'button' });
  assert.ok(narrow.rect.x + narrow.rect.w <= 600 && narrow.rect.x < wide.rect.x, 'the switch stays at the right edge');
  assert.equal(await app.find('在宅医療・介護の連携ネットワーク'), null, 'the tagline gives way on a narrow screen');
  await app.close();
});
