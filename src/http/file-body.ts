import { unlink } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Busboy, type BusboyFileStream } from '@fastify/busboy';
import { payloadTooLarge, spool } from '../blobs/spool.ts';
import { ApiError } from '../errors.ts';
import { illFormed } from './well-formed.ts';

/** A file that came with a request, spooled to a temporary file that the receiver moves or removes. */
export interface ReceivedFile {
  path: string;
  size: number;
  /** From a multipart part's `filename`; raw bodies carry none. */
  fileName: string | null;
  /** As the sender declared it. */
  contentType: string | null;
}

const noFile = () =>
  new ApiError('INVALID_REQUEST_BODY', 'send the file as the request body, or as the one file of a multipart form');

/**
 * Reads the one file a request carries. The official SDK sends whatever is passed as `body` in its request
 * options: a `FormData` goes as a multipart form, whose single file part is taken with its name and type;
 * bytes, a Blob or a stream go as they are, and the whole body is the file. Either way more than `maxBytes`
 * is 413, found while streaming, and nothing is kept.
 */
export async function receiveFile(raw: IncomingMessage, maxBytes: number): Promise<ReceivedFile> {
  const contentType = raw.headers['content-type'] ?? null;
  if (contentType?.toLowerCase().startsWith('multipart/form-data')) return receivePart(raw, maxBytes);
  // A declared length over the cap is refused before a byte is read.
  if (Number(raw.headers['content-length'] ?? 0) > maxBytes) throw payloadTooLarge(maxBytes);
  const spooled = await spool(raw, maxBytes, 0);
  if (spooled.size === 0) {
    await unlink(spooled.path);
    throw noFile();
  }
  return { path: spooled.path, size: spooled.size, fileName: null, contentType };
}

/** The single file part of a multipart form; other fields are ignored, and a second file is refused. */
function receivePart(raw: IncomingMessage, maxBytes: number): Promise<ReceivedFile> {
  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({ headers: raw.headers as IncomingHttpHeaders & { 'content-type': string } });
  } catch (error) {
    return Promise.reject(new ApiError('INVALID_REQUEST_BODY', `malformed multipart form: ${String(error)}`));
  }
  return new Promise((resolve, reject) => {
    let received: Promise<ReceivedFile> | undefined;
    let part: BusboyFileStream | undefined;
    let files = 0;
    const fail = (error: unknown) => {
      // Stop reading: Node discards the rest of the body once the error is answered.
      raw.unpipe(parser);
      reject(error);
      void received?.then((file) => unlink(file.path)).catch(() => undefined);
    };
    parser.on('file', (_field: string, stream: BusboyFileStream, fileName: string, _enc: string, type: string) => {
      files += 1;
      if (received) {
        stream.resume();
        return;
      }
      // The part's name and type come from its own headers, past the checks every other input goes through.
      const problem = illFormed(fileName, 'body/file/filename') ?? illFormed(type, 'body/file/content-type');
      if (problem) {
        stream.resume();
        return fail(new ApiError('INVALID_REQUEST_BODY', problem));
      }
      part = stream;
      received = spool(stream, maxBytes, 0).then((spooled) => ({
        path: spooled.path,
        size: spooled.size,
        fileName: fileName || null,
        contentType: type || null,
      }));
      received.catch(fail);
    });
    parser.on('error', (error: unknown) =>
      fail(new ApiError('INVALID_REQUEST_BODY', `malformed multipart form: ${String(error)}`)),
    );
    parser.on('finish', () => {
      if (!received) return fail(noFile());
      if (files > 1) return fail(new ApiError('INVALID_REQUEST_BODY', 'send one file per request'));
      received.then(resolve, fail);
    });
    // A client gone mid-upload: the parser is never told, so the part being spooled is ended here.
    raw.once('close', () => {
      if (raw.readableEnded) return;
      const cut = new Error('the upload ended before its body did');
      part?.destroy(cut);
      fail(cut);
    });
    raw.pipe(parser);
  });
}
