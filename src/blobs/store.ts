import type { Readable } from 'node:stream';

/** What a store knows of one object. */
export interface BlobInfo {
  /** Bytes. */
  size: number;
  /** As the uploader declared it; the filesystem store keeps none (Pricebook records it in the database). */
  contentType: string | null;
}

/**
 * Where uploaded images and files live, under keys like `images/<uuid>` and `files/<uuid>`. A store either
 * hands out URLs that reach it directly (S3, presigned) or returns null, and then Pricebook's own signed
 * routes carry the bytes in and out (the filesystem store).
 */
export interface BlobStore {
  readonly kind: 'filesystem' | 's3';
  /** A URL a client PUTs the object's bytes to, valid for `expiresIn` seconds; null when uploads go through Pricebook. */
  presignUpload(key: string, expiresIn: number): Promise<string | null>;
  /** A URL that downloads the object, valid for `expiresIn` seconds; null when Pricebook serves it. */
  presignDownload(key: string, options: DownloadOptions): Promise<string | null>;
  /** Stores the finished file at `path` as `key`; the file is moved or removed. */
  putFile(key: string, path: string, info: BlobInfo): Promise<void>;
  stat(key: string): Promise<BlobInfo | undefined>;
  /** The first `length` bytes of the object, or fewer when it is shorter. */
  readStart(key: string, length: number): Promise<Buffer>;
  open(key: string): Promise<Readable | undefined>;
  /** Removes the object; one that is not there is no error. */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface DownloadOptions {
  expiresIn: number;
  /** Served as an attachment with this name. */
  fileName?: string;
  /** Served with this content type, whatever the uploader declared. */
  contentType?: string | null;
}
