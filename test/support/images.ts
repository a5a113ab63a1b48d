import { crc32, deflateSync } from 'node:zlib';

/** A real PNG of `width` × `height` opaque pixels, optionally padded past a size with a private chunk. */
export function png(options: { width?: number; height?: number; paddedTo?: number } = {}): Buffer {
  const { width = 2, height = 2 } = options;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x7f)]);
  const chunks = [
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
  ];
  const size = 8 + chunks.reduce((n, c) => n + c.length, 0) + 12;
  // A private ancillary chunk ("prVt") that decoders skip: a valid PNG of any size.
  if (options.paddedTo && options.paddedTo > size + 12)
    chunks.push(chunk('prVt', Buffer.alloc(options.paddedTo - size - 12)));
  chunks.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
