import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../errors.ts';

export interface Spooled {
  path: string;
  size: number;
  /** The first bytes, for telling the file's type. */
  head: Buffer;
}

export function payloadTooLarge(maxBytes: number): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `the upload is larger than the ${maxBytes} bytes allowed`);
}

/**
 * Writes `body` to a temporary file, refusing it with 413 as soon as it passes `maxBytes`, so that an upload
 * never sits in memory and an oversized one leaves nothing behind.
 */
export async function spool(body: Readable, maxBytes: number, headLength: number): Promise<Spooled> {
  const path = join(tmpdir(), `pricebook-upload-${randomUUID()}`);
  let size = 0;
  const headChunks: Buffer[] = [];
  let headSize = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(payloadTooLarge(maxBytes));
        return;
      }
      if (headSize < headLength) {
        headChunks.push(chunk);
        headSize += chunk.length;
      }
      done(null, chunk);
    },
  });
  // `pipe`, not `pipeline`, from the request: a refused body must not destroy the request, or the client gets
  // a reset connection instead of the 413; Node discards what is left of it once the reply is sent.
  body.pipe(meter);
  // `pipe` passes on neither errors nor a body cut short (a client gone mid-upload): without this the write would
  // wait for the rest for ever, and the temporary file would stay.
  body.once('error', (error) => meter.destroy(error));
  body.once('close', () => {
    if (!body.readableEnded) meter.destroy(new Error('the upload ended before its body did'));
  });
  try {
    await pipeline(meter, createWriteStream(path));
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return { path, size, head: Buffer.concat(headChunks).subarray(0, headLength) };
}
