// Real PNG files made byte by byte for the browser tests (files.test.mjs, family_files.test.mjs).
import crypto from 'node:crypto';
import zlib from 'node:zlib';

// A real PNG: `width` x `height` RGBA, pixels from `pixel(x, y)` (random when not given, so that
// it does not compress), stored with deflate level 0. `text`: a tEXt chunk's Comment (a marker
// that can be searched for in stored bytes).
export function png(width, height, pixel, { text } = {}) {
  const raw = pixel ? Buffer.alloc((width * 4 + 1) * height) : crypto.randomBytes((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0; // no filter
    if (pixel) for (let x = 0; x < width; x++) Buffer.from(pixel(x, y)).copy(raw, row + 1 + x * 4);
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  const comment = text === undefined ? [] : [chunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1'))];
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    ...comment, chunk('IDAT', zlib.deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}
