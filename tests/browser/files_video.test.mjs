// Video in the app (issue 7 point 4): a real video, made in this test by Chromium's own VP8
// encoder (WebCodecs) and put in a WebM file by the small muxer below -- no downloaded media, no
// external tools -- is uploaded through the app, opened with 再生, and played by the browser's
// own <video> element over the app: it gets its metadata (the duration written in the file), it
// plays (currentTime advances), and seeking far into it makes the browser ask the server for a
// byte range, answered 206 with the bytes from there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnvironment } from './harness.mjs';
import { account, signedIn } from './care_support.mjs';

const NURSE = 'chuo-nakamura';
const PATIENT = 2;
assert.ok(account(NURSE).patients.includes(PATIENT));

let env;
before(async () => { env = await startEnvironment({ label: 'files_video', demo: true }); });
after(async () => { await env?.stop(); });

const SECONDS = 4;
const FPS = 25;

// Runs in the page: encodes SECONDS of 640x360 frames (a moving bar over noise, so that it does
// not compress to nothing and the file is several megabytes: the browser cannot have it all
// before it seeks) with VP8 at a high bitrate, a key frame each second, and muxes them into WebM
// with a Duration and Cues (one cluster per key frame). Returns the file as base64.
async function makeWebm({ seconds, fps }) {
  const width = 640, height = 360;
  const chunks = [];
  const encoder = new VideoEncoder({
    output: (chunk) => {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      chunks.push({ key: chunk.type === 'key', ms: Math.round(chunk.timestamp / 1000), data });
    },
    error: (e) => { throw e; },
  });
  encoder.configure({ codec: 'vp8', width, height, bitrate: 16_000_000, framerate: fps, bitrateMode: 'constant' });
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d');
  const image = g.createImageData(width, height);
  let x = 0x2545f491;
  for (let i = 0; i < seconds * fps; i++) {
    for (let p = 0; p < image.data.length; p += 4) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      image.data[p] = x & 255; image.data[p + 1] = (x >>> 8) & 255; image.data[p + 2] = (x >>> 16) & 255; image.data[p + 3] = 255;
    }
    g.putImageData(image, 0, 0);
    g.fillStyle = '#2a6';
    g.fillRect((i * 12) % width, 0, 60, height);
    const frame = new VideoFrame(canvas, { timestamp: Math.round((i * 1e6) / fps), duration: Math.round(1e6 / fps) });
    encoder.encode(frame, { keyFrame: i % fps === 0 });
    frame.close();
  }
  await encoder.flush();

  // EBML: ids as written, sizes in one byte or 8 (0x01 + 7), unsigned integers big-endian.
  const bytes = (...parts) => parts.flatMap((p) => (p instanceof Uint8Array ? [p] : Array.isArray(p) ? p : [p]));
  const size8 = (n) => { const b = new Uint8Array(8); b[0] = 1; for (let i = 7; i >= 1; i--) { b[i] = n % 256; n = Math.floor(n / 256); } return b; };
  const uint = (n, len = 0) => { const out = []; do { out.unshift(n % 256); n = Math.floor(n / 256); } while (n > 0); while (out.length < len) out.unshift(0); return new Uint8Array(out); };
  const id = (hex) => new Uint8Array(hex.match(/../g).map((h) => parseInt(h, 16)));
  const length = (parts) => parts.reduce((s, p) => s + p.length, 0);
  const size = (n) => (n < 127 ? new Uint8Array([0x80 | n]) : size8(n)); // one byte when it fits, as muxers write it
  const el = (hex, ...content) => { const parts = bytes(...content); return [id(hex), size(length(parts)), ...parts]; };
  const text = (s) => new TextEncoder().encode(s);
  const float = (v) => { const b = new Uint8Array(8); new DataView(b.buffer).setFloat64(0, v); return b; };

  const header = el('1A45DFA3', el('4286', uint(1)), el('42F7', uint(1)), el('42F2', uint(4)), el('42F3', uint(8)),
    el('4282', text('webm')), el('4287', uint(2)), el('4285', uint(2)));
  const info = el('1549A966', el('2AD7B1', uint(1_000_000)), el('4489', float(seconds * 1000)),
    el('4D80', text('mimamori test')), el('5741', text('mimamori test')));
  const tracks = el('1654AE6B', el('AE', el('D7', uint(1)), el('73C5', uint(1)), el('83', uint(1)), el('86', text('V_VP8')),
    el('E0', el('B0', uint(width)), el('BA', uint(height)))));
  const clusters = [];
  for (const c of chunks) {
    if (c.key || clusters.length === 0) clusters.push({ ms: c.ms, blocks: [] });
    const cluster = clusters.at(-1);
    const relative = c.ms - cluster.ms;
    cluster.blocks.push(el('A3', new Uint8Array([0x81, (relative >> 8) & 255, relative & 255, c.key ? 0x80 : 0]), c.data));
  }
  const clusterParts = clusters.map((c) => el('1F43B675', el('E7', uint(c.ms)), ...c.blocks));
  const cues = (positions) => el('1C53BB6B', ...clusters.map((c, i) =>
    el('BB', el('B3', uint(c.ms, 8)), el('B7', el('F7', uint(1)), el('F1', uint(positions[i], 8))))));
  // Cluster positions are counted from the start of the Segment's data; the Cues come before
  // the clusters and have the same length whatever the positions (8-byte integers).
  const before = length(info) + length(tracks) + length(cues(clusters.map(() => 0)));
  const positions = [];
  let at = before;
  for (const c of clusterParts) { positions.push(at); at += length(c); }
  const segment = el('18538067', info, tracks, cues(positions), ...clusterParts);
  const blob = new Blob([...header, ...segment], { type: 'video/webm' });
  const url = await new Promise((resolve) => { const r = new FileReader(); r.onload = () => resolve(r.result); r.readAsDataURL(blob); });
  return { base64: url.slice(url.indexOf(',') + 1), frames: chunks.length, keys: chunks.filter((c) => c.key).length };
}

test('a video plays in the browser\'s own <video> over the app, and seeking asks for a byte range (206)', async () => {
  const app = await signedIn(env, NURSE, { viewport: { width: 1024, height: 3200 } });
  const made = await app.page.evaluate(makeWebm, { seconds: SECONDS, fps: FPS });
  assert.equal(made.frames, SECONDS * FPS);
  assert.equal(made.keys, SECONDS);
  const video = Buffer.from(made.base64, 'base64');
  assert.ok(video.length > 4_000_000, `several megabytes (${video.length})`);

  await app.go(`/patients/${PATIENT}`);
  const name = '歩行の様子.webm';
  await app.chooseFile('ファイルを添付', [{ name, mimeType: 'video/webm', buffer: video }]);
  await app.waitFor('送信済み', { kind: 'text', timeout: 30000 });
  const listed = await app.api('GET', `patients/${PATIENT}/files`);
  const file = listed.body.files.find((f) => f.name === name);
  assert.ok(file, 'in the patient\'s files');
  assert.equal(file.preview, 'video');
  assert.equal(file.media_type, 'video/webm');
  assert.equal(file.size, video.length);

  // Every answer to the file's URL: the Range asked and how it was answered.
  const fetched = [];
  app.page.on('response', async (r) => {
    if (!new URL(r.url()).pathname.endsWith(`/api/v1/files/${file.id}`)) return;
    fetched.push({ range: r.request().headers().range || '', status: r.status(), contentRange: (await r.allHeaders())['content-range'] || '' });
  });

  await app.scrollTo(`${name}  (${(video.length / 1e6).toFixed(1)} MB)`, { kind: 'text' }).catch(() => {});
  await app.click('再生', { kind: 'button' });
  await app.waitFor(`player ${name}`, { kind: 'item' });
  const element = await app.page.evaluate(() => {
    const m = document.getElementById('mimamori-media');
    return m && { tag: m.tagName, src: m.getAttribute('src'), controls: m.controls, width: m.getBoundingClientRect().width };
  });
  assert.equal(element?.tag, 'VIDEO');
  assert.equal(element.src, `api/v1/files/${file.id}`);
  assert.ok(element.controls && element.width > 100, 'the browser\'s player, over the app');

  // Metadata: the duration written in the file.
  const duration = await (await app.page.waitForFunction(() => {
    const m = document.getElementById('mimamori-media');
    return m && m.readyState >= 1 && m.duration;
  }, null, { timeout: 15000 })).jsonValue();
  assert.ok(Math.abs(duration - SECONDS) < 0.1, `duration ${duration}`);
  assert.ok(fetched.length >= 1 && fetched.every((f) => f.status === 206), JSON.stringify(fetched));

  // Seeking near the end: the browser asks for the bytes from there.
  const before = fetched.length;
  const seeked = await app.page.evaluate((to) => new Promise((resolve, reject) => {
    const m = document.getElementById('mimamori-media');
    const timer = setTimeout(() => reject(new Error('no seeked event')), 15000);
    m.addEventListener('seeked', () => { clearTimeout(timer); resolve(m.currentTime); }, { once: true });
    m.currentTime = to;
  }), SECONDS - 0.8);
  assert.ok(Math.abs(seeked - (SECONDS - 0.8)) < 0.2, `at ${seeked}`);
  const ranged = fetched.slice(before).filter((f) => /^bytes=[1-9]\d*-/.test(f.range));
  assert.ok(ranged.length >= 1, `a Range request past the start after the seek: ${JSON.stringify(fetched)}`);
  for (const f of ranged) {
    assert.equal(f.status, 206);
    const from = Number(/^bytes=(\d+)-/.exec(f.range)[1]);
    assert.match(f.contentRange, new RegExp(`^bytes ${from}-\\d+/${video.length}$`));
    assert.ok(from > video.length / 2, `from the second half (${from} of ${video.length})`);
  }

  // It plays: from the start, currentTime advances.
  const played = await app.page.evaluate(() => new Promise((resolve, reject) => {
    const m = document.getElementById('mimamori-media');
    m.muted = true;
    m.currentTime = 0;
    const timer = setTimeout(() => reject(new Error(`did not play: ${m.currentTime} ${m.error && m.error.message}`)), 15000);
    m.addEventListener('timeupdate', function check() {
      if (m.currentTime > 0.5) { clearTimeout(timer); m.removeEventListener('timeupdate', check); m.pause(); resolve(m.currentTime); }
    });
    m.play().catch(reject);
  }));
  assert.ok(played > 0.5);
  assert.equal(await app.page.evaluate(() => document.getElementById('mimamori-media').error), null);

  // Closed with the view.
  await app.click('閉じる', { kind: 'button' });
  assert.equal(await app.page.evaluate(() => document.getElementById('mimamori-media')), null);
  // The media element cancels the reads it no longer needs (a seek, the close): those are the
  // browser's own aborts of the file's URL, not failures.
  const aborted = `/api/v1/files/${file.id} net::ERR_ABORTED`;
  assert.deepEqual(app.problems.filter((p) => !p.endsWith(aborted)), []);
  await app.context.close();
});
