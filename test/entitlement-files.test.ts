import assert from 'node:assert/strict';
import { type ClientRequest, request as httpRequest } from 'node:http';
import { describe, test } from 'node:test';
import type DodoPayments from 'dodopayments';
import { FILE_MAX_BYTES } from '../src/resources/media/rules.ts';
import { entitlement } from './support/catalog-factories.ts';
import { oneTimeProduct } from './support/factories.ts';
import { failure } from './support/sdk-errors.ts';
import { useServer } from './support/server.ts';
import { put } from './support/uploads.ts';

// The files of a digital_files entitlement: POST /entitlements/{id}/files takes the file in the request itself,
// as the SDK sends whatever is given as `body` in its request options.

const server = useServer();

const digitalFiles = (config: Partial<DodoPayments.IntegrationConfig.DigitalFilesConfig> = {}) =>
  entitlement({
    name: 'Downloads',
    integration_type: 'digital_files',
    integration_config: { digital_file_ids: [], instructions: 'Unzip it', ...config },
  });

/** A multipart form with one file, as a browser or `new FormData()` sends it. */
function form(text: string, name: string, type: string): FormData {
  const body = new FormData();
  body.append('file', new File([text], name, { type }));
  return body;
}

type ResolvedFile = DodoPayments.IntegrationConfigResponse.DigitalFilesConfig.DigitalFiles.File;

/** The files a digital_files config shows. */
function filesOf(config: DodoPayments.IntegrationConfigResponse | undefined): ResolvedFile[] {
  return (config as DodoPayments.IntegrationConfigResponse.DigitalFilesConfig).digital_files.files;
}

async function attachedFiles(id: string, client = server().client()): Promise<ResolvedFile[]> {
  return filesOf((await client.entitlements.retrieve(id)).integration_config);
}

async function upload(id: string, bytes = 'chapter one', name = 'book.epub', client = server().client()) {
  return (await client.entitlements.files.upload(id, { body: form(bytes, name, 'application/epub+zip') })).file_id;
}

/**
 * Starts a raw upload to the files of entitlement `id` and returns the status of the answer. The request is
 * abandoned once answered, or after a deadline, so that a server waiting for the rest of a body fails the test
 * instead of hanging it.
 */
function answerTo(id: string, headers: Record<string, string>, send: (req: ClientRequest) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server().url}/entitlements/${id}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server().key}`, ...headers },
    });
    const deadline = setTimeout(() => req.destroy(new Error('no answer while the body was still coming')), 20_000);
    req.on('response', (res) => {
      clearTimeout(deadline);
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    send(req);
  });
}

/** Streams `size` bytes as the file part of a chunked multipart form, until the server answers. */
function streamForm(id: string, size: number): Promise<number> {
  const boundary = 'pricebook-test-boundary';
  const chunk = Buffer.alloc(1024 * 1024);
  const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' };
  return answerTo(id, headers, (req) => {
    let sent = 0;
    const write = () => {
      while (!req.destroyed && sent < size) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', write);
      }
      if (!req.destroyed) req.end(`\r\n--${boundary}--\r\n`);
    };
    req.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.bin"\r\n\r\n`);
    write();
  });
}

describe('uploading entitlement files', () => {
  test('a file sent through the SDK joins the entitlement, and its download URL serves the same bytes', async () => {
    const client = server().client();
    const { id } = await client.entitlements.create(digitalFiles());
    const bytes = 'the whole book, in EPUB';
    const fileId = await upload(id, bytes, 'Book (2nd ed).epub');
    assert.match(fileId, /^[0-9a-f-]{36}$/);

    const shown = await client.entitlements.retrieve(id);
    const [file] = filesOf(shown.integration_config);
    assert.ok(file);
    assert.deepEqual(
      { ...file, download_url: undefined },
      {
        file_id: fileId,
        filename: 'Book (2nd ed).epub',
        content_type: 'application/epub+zip',
        file_size: bytes.length,
        expires_in: 3600,
        download_url: undefined,
      },
    );
    assert.deepEqual(
      shown.integration_config,
      { digital_files: { files: [file], external_url: null, instructions: 'Unzip it' } },
      'external_url and instructions are kept',
    );
    const downloaded = await fetch(file.download_url);
    assert.equal(downloaded.status, 200);
    assert.match(downloaded.headers.get('content-disposition') ?? '', /filename="Book \(2nd ed\)\.epub"/);
    assert.equal(await downloaded.text(), bytes);

    const listed = await client.entitlements.list({ page_number: 0, page_size: 100 });
    const inList = listed.items.find((e) => e.id === id);
    assert.deepEqual(
      filesOf(inList?.integration_config).map((f) => f.file_id),
      [fileId],
      'lists show the files too',
    );
  });

  test('POST answers 201 with the file id, and files are added in order', async () => {
    const { id } = await server().client().entitlements.create(digitalFiles());
    const first = await upload(id, 'one', 'one.txt');
    const res = await server().request('POST', `/entitlements/${id}/files`, {
      raw: 'two',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.json), ['file_id']);
    assert.deepEqual(
      (await attachedFiles(id)).map((f) => f.file_id),
      [first, res.json.file_id],
    );
  });

  test('raw bytes as the body are the file, named by its id, with the declared content type', async () => {
    const client = server().client();
    const { id } = await client.entitlements.create(digitalFiles());
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const { file_id } = await client.entitlements.files.upload(id, {
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const [file] = await attachedFiles(id);
    assert.deepEqual(
      [file?.file_id, file?.filename, file?.content_type],
      [file_id, file_id, 'application/octet-stream'],
    );
    assert.deepEqual(new Uint8Array(await (await fetch(file!.download_url)).arrayBuffer()), bytes);
  });

  test('a request without a file is 422 and attaches nothing', async () => {
    const client = server().client();
    const { id } = await client.entitlements.create(digitalFiles());
    assert.deepEqual(await failure(client.entitlements.files.upload(id)), {
      status: 422,
      code: 'INVALID_REQUEST_BODY',
    });
    const onlyFields = new FormData();
    onlyFields.append('note', 'no file here');
    const twoFiles = form('a', 'a.txt', 'text/plain');
    twoFiles.append('second', new File(['b'], 'b.txt'));
    for (const body of [onlyFields, twoFiles]) {
      assert.deepEqual(await failure(client.entitlements.files.upload(id, { body })), {
        status: 422,
        code: 'INVALID_REQUEST_BODY',
      });
    }
    assert.deepEqual(await attachedFiles(id), []);
  });

  test('an entitlement of another integration type takes no file: 422', async () => {
    const client = server().client();
    const { id } = await client.entitlements.create(entitlement());
    assert.deepEqual(await failure(client.entitlements.files.upload(id, { body: form('x', 'x.txt', 'text/plain') })), {
      status: 422,
      code: 'INVALID_REQUEST_PARAMETERS',
    });
    assert.deepEqual(await failure(client.entitlements.files.delete(crypto.randomUUID(), { id })), {
      status: 422,
      code: 'INVALID_REQUEST_PARAMETERS',
    });
    assert.deepEqual((await client.entitlements.retrieve(id)).integration_config, {
      feature_type: 'boolean',
      feature_id: 'pro',
    });
  });

  test('a file over 500 MiB is 413, whether its length is declared or found while streaming', async () => {
    const { id } = await server().client().entitlements.create(digitalFiles());
    const headers = { 'content-type': 'application/zip', 'content-length': String(FILE_MAX_BYTES + 1) };
    const declared = await answerTo(id, headers, (req) => req.write('PK'));
    assert.equal(declared, 413, 'refused on the declared length, before the body is sent');
    assert.equal(await streamForm(id, FILE_MAX_BYTES + 1), 413);
    assert.deepEqual(await attachedFiles(id), []);
  });
});

describe('deleting entitlement files', () => {
  test('DELETE answers 204 and the file is gone from the entitlement; a second DELETE is 404', async () => {
    const client = server().client();
    const { id } = await client.entitlements.create(digitalFiles());
    const kept = await upload(id, 'kept', 'kept.txt');
    const removed = await upload(id, 'removed', 'removed.txt');
    const res = await server().request('DELETE', `/entitlements/${id}/files/${removed}`);
    assert.deepEqual([res.status, res.text], [204, '']);
    assert.deepEqual(
      (await attachedFiles(id)).map((f) => f.file_id),
      [kept],
    );
    assert.deepEqual(await failure(client.entitlements.files.delete(removed, { id })), {
      status: 404,
      code: 'NOT_FOUND',
    });
    await client.entitlements.files.delete(kept, { id });
    assert.deepEqual(await attachedFiles(id), []);
  });

  test('unknown entitlements and files, another business and the other mode are 404', async () => {
    const { id } = await server().client().entitlements.create(digitalFiles());
    const fileId = await upload(id);
    const other = await server().newTenant('test');
    const live = await server().keyFor(server().businessId, 'live');
    const attempts: [string, string, string | undefined][] = [
      ['POST', '/entitlements/ent_unknown/files', undefined],
      ['DELETE', `/entitlements/ent_unknown/files/${fileId}`, undefined],
      ['DELETE', `/entitlements/${id}/files/${crypto.randomUUID()}`, undefined],
      ['POST', `/entitlements/${id}/files`, other.key],
      ['DELETE', `/entitlements/${id}/files/${fileId}`, other.key],
      ['POST', `/entitlements/${id}/files`, live.key],
      ['DELETE', `/entitlements/${id}/files/${fileId}`, live.key],
    ];
    for (const [method, path, key] of attempts) {
      const res = await server().request(method, path, {
        key,
        raw: method === 'POST' ? 'bytes' : undefined,
        headers: { 'content-type': 'text/plain' },
      });
      assert.deepEqual([res.status, res.json?.code], [404, 'NOT_FOUND'], `${method} ${path} ${key ?? ''}`);
    }
    assert.deepEqual(
      (await attachedFiles(id)).map((f) => f.file_id),
      [fileId],
      'nothing changed',
    );
  });
});

describe('entitlement files elsewhere', () => {
  test('a product attaching the entitlement shows its files, on retrieve and in lists', async () => {
    const client = server().client();
    const { id } = await client.entitlements.create(digitalFiles());
    const fileId = await upload(id, 'bonus track', 'bonus.mp3');
    const product = await client.products.create(oneTimeProduct({ entitlements: [{ entitlement_id: id }] }));
    const [summary] = (await client.products.retrieve(product.product_id)).entitlements;
    const [file] = filesOf(summary?.integration_config);
    assert.deepEqual([file?.file_id, file?.filename], [fileId, 'bonus.mp3']);
    assert.equal(await (await fetch(file!.download_url)).text(), 'bonus track');

    const listed = await client.products.list({ page_number: 0, page_size: 100 });
    const item = listed.items.find((p) => p.product_id === product.product_id);
    assert.deepEqual(
      filesOf(item?.entitlements?.[0]?.integration_config).map((f) => f.file_id),
      [fileId],
    );
  });

  test('a config names only files uploaded in this business and mode; legacy ids are kept when omitted', async () => {
    const client = server().client();
    const productId = (await client.products.create(oneTimeProduct())).product_id;
    const issued = await client.products.updateFiles(productId, { file_name: 'manual.pdf' });
    await put(issued.url, '%PDF manual');
    const { id } = await client.entitlements.create(digitalFiles({ legacy_file_ids: [issued.file_id] }));
    assert.deepEqual(
      (await attachedFiles(id)).map((f) => f.filename),
      ['manual.pdf'],
      'an uploaded product file is accepted',
    );
    const own = await upload(id, 'own', 'own.txt');

    const otherTenant = await server().newTenant('test');
    const liveKey = (await server().keyFor(server().businessId, 'live')).key;
    for (const key of [otherTenant.key, liveKey]) {
      const elsewhere = (await server().client(key).entitlements.create(digitalFiles())).id;
      const foreign = await upload(elsewhere, 'theirs', 'theirs.txt', server().client(key));
      for (const integration_config of [
        { digital_file_ids: [own, foreign] },
        { digital_file_ids: [own], legacy_file_ids: [foreign] },
      ]) {
        assert.deepEqual(await failure(client.entitlements.update(id, { integration_config })), {
          status: 422,
          code: 'MISSING_FILE_IDS',
        });
      }
    }
    const twice = await server().request('PATCH', `/entitlements/${id}`, {
      body: { integration_config: { digital_file_ids: [issued.file_id] } },
    });
    assert.deepEqual([twice.status, twice.json.code], [422, 'INVALID_REQUEST_BODY'], 'a file is attached once');
    assert.deepEqual(
      (await attachedFiles(id)).map((f) => f.file_id),
      [own, issued.file_id],
      'refused PATCHes change nothing',
    );

    await client.entitlements.update(id, { integration_config: { digital_file_ids: [] } });
    assert.deepEqual(
      (await attachedFiles(id)).map((f) => f.file_id),
      [issued.file_id],
      'an omitted legacy_file_ids is kept',
    );
    await client.entitlements.update(id, { integration_config: { digital_file_ids: [own], legacy_file_ids: null } });
    assert.deepEqual(
      (await attachedFiles(id)).map((f) => f.file_id),
      [own],
      'null clears legacy_file_ids',
    );
  });
});
