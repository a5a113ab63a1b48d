import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Settings } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import { attachment } from './content-disposition.ts';
import type { BlobInfo, BlobStore } from './store.ts';

/** Objects in an S3 bucket (AWS or any S3-compatible service); clients upload and download with presigned URLs. */
export function s3Store(settings: S3Settings, clock: Clock): BlobStore {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Plain presigned PUTs: no checksum the uploader would have to compute, which S3-compatible services
    // do not all understand either.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;
  const presign = (command: PutObjectCommand | GetObjectCommand, expiresIn: number) =>
    getSignedUrl(client, command, { expiresIn, signingDate: new Date(clock()) });

  return {
    kind: 's3',
    presignUpload: (key, expiresIn) => presign(new PutObjectCommand({ Bucket, Key: key }), expiresIn),
    presignDownload: (key, { expiresIn, fileName, contentType }) =>
      presign(
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentType: contentType ?? undefined,
          ResponseContentDisposition: fileName ? attachment(fileName) : undefined,
        }),
        expiresIn,
      ),
    async putFile(key, path, info) {
      try {
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: key,
            Body: createReadStream(path),
            ContentLength: info.size,
            ContentType: info.contentType ?? undefined,
          }),
        );
      } finally {
        await unlink(path);
      }
    },
    async stat(key): Promise<BlobInfo | undefined> {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? null };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async readStart(key, length) {
      const object = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${length - 1}` }));
      const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
      return Buffer.from(bytes).subarray(0, length);
    },
    async open(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return object.Body instanceof Readable ? object.Body : undefined;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async delete(key) {
      // S3 answers a delete of a missing key with success.
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    close: async () => client.destroy(),
  };
}

function isMissing(error: unknown): boolean {
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}
