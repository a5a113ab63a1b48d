import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { s3Store } from '../src/blobs/s3.ts';
import { systemClock } from '../src/lib/clock.ts';
import { oneTimeProduct } from './support/factories.ts';
import { png } from './support/images.ts';
import { useS3rver } from './support/s3.ts';
import { useServer } from './support/server.ts';
import { put } from './support/uploads.ts';

// The S3 store, against a real S3-compatible server: clients upload and download with presigned URLs, and
// Pricebook checks what they uploaded when it is attached.

const s3 = useS3rver();
const server = useServer({ blobs: async () => s3Store(await s3.ready(), systemClock) });

async function newProduct() {
  return (await server().client().products.create(oneTimeProduct())).product_id;
}

async function forcedImage(productId: string) {
  const issued = await server().client().products.images.update(productId, { force_update: true });
  assert.ok(issued.url.startsWith(`${s3.settings().endpoint}/`), 'a presigned URL on the S3 server');
  return { url: issued.url, imageId: issued.image_id! };
}

describe('images on S3', () => {
  test('a PNG uploaded to the presigned URL is checked on PATCH and served from S3 through the image URL', async () => {
    const client = server().client();
    const productId = await newProduct();
    const { url, imageId } = await forcedImage(productId);
    const bytes = png();
    assert.equal((await put(url, bytes, 'image/png')).status, 200);

    await client.products.update(productId, { image_id: imageId });
    const image = (await client.products.retrieve(productId)).image;
    assert.equal(image, `${server().url}/images/${imageId}`);
    const redirect = await fetch(image!, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.ok(redirect.headers.get('location')?.startsWith(`${s3.settings().endpoint}/`));
    const served = await fetch(image!);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes);
  });

  test('a non-image or an oversized image in the bucket is refused on PATCH with 422 and not attached', async () => {
    const client = server().client();
    const productId = await newProduct();
    for (const body of ['GIF89a not accepted', png({ paddedTo: 3 * 1024 * 1024 + 1 })]) {
      const { url, imageId } = await forcedImage(productId);
      assert.equal((await put(url, body, 'image/png')).status, 200, 'S3 itself takes anything');
      const response = await server().request('PATCH', `/products/${productId}`, { body: { image_id: imageId } });
      assert.equal(response.status, 422);
      assert.equal(response.json.code, 'INVALID_IMAGE');
      assert.equal((await fetch(`${server().url}/images/${imageId}`)).status, 404, 'and never served');
    }
    assert.equal((await client.products.retrieve(productId)).image, null);
  });

  test('an image_id whose bytes never reached the bucket is refused with 422', async () => {
    const productId = await newProduct();
    const { imageId } = await forcedImage(productId);
    const response = await server().request('PATCH', `/products/${productId}`, { body: { image_id: imageId } });
    assert.equal(response.status, 422);
    assert.equal(response.json.code, 'IMAGE_NOT_UPLOADED');
  });

  test('without force_update the bytes go through Pricebook, which checks them and stores them in the bucket', async () => {
    const client = server().client();
    const productId = await newProduct();
    const issued = await client.products.images.update(productId);
    assert.ok(issued.url.startsWith(`${server().url}/uploads/`));
    assert.equal((await put(issued.url, 'not an image')).status, 415);
    const bytes = png({ height: 5 });
    assert.equal((await put(issued.url, bytes)).status, 200);
    const image = (await client.products.retrieve(productId)).image;
    const redirect = await fetch(image!, { redirect: 'manual' });
    assert.ok(redirect.headers.get('location')?.startsWith(`${s3.settings().endpoint}/`), 'served from the bucket');
    assert.deepEqual(Buffer.from(await (await fetch(image!)).arrayBuffer()), bytes);
  });
});

describe('files on S3', () => {
  test('a file uploaded to the presigned URL attaches with PATCH and downloads from a presigned download_url', async () => {
    const client = server().client();
    const productId = await newProduct();
    const issued = await client.products.updateFiles(productId, { file_name: 'notes.txt' });
    assert.ok(issued.url.startsWith(`${s3.settings().endpoint}/`));
    const bytes = Buffer.from('hello from the bucket\n');
    assert.equal((await put(issued.url, bytes, 'text/plain')).status, 200);

    await client.products.update(productId, { digital_product_delivery: { files: [issued.file_id] } });
    const [file] = (await client.products.retrieve(productId)).digital_product_delivery?.files ?? [];
    assert.ok(file);
    assert.equal(file.file_size, bytes.length);
    assert.equal(file.content_type, 'text/plain');
    assert.ok(file.download_url.startsWith(`${s3.settings().endpoint}/`));
    const downloaded = await fetch(file.download_url);
    assert.equal(downloaded.status, 200);
    assert.match(downloaded.headers.get('content-disposition') ?? '', /filename="notes\.txt"/);
    assert.deepEqual(Buffer.from(await downloaded.arrayBuffer()), bytes);
  });
});

describe('entitlement files on S3', () => {
  test('a file sent with POST /entitlements/{id}/files lands in the bucket and downloads from it', async () => {
    const client = server().client();
    const { id } = await client.entitlements.create({
      name: 'Downloads',
      integration_type: 'digital_files',
      integration_config: { digital_file_ids: [] },
    });
    const body = new FormData();
    body.append('file', new File(['stored in the bucket'], 'bucket.txt', { type: 'text/plain' }));
    const { file_id } = await client.entitlements.files.upload(id, { body });
    const config = (await client.entitlements.retrieve(id)).integration_config;
    const [file] = (config as { digital_files: { files: { file_id: string; download_url: string }[] } }).digital_files
      .files;
    assert.equal(file?.file_id, file_id);
    assert.ok(file.download_url.startsWith(`${s3.settings().endpoint}/`), 'a presigned S3 URL');
    const downloaded = await fetch(file.download_url);
    assert.match(downloaded.headers.get('content-disposition') ?? '', /filename="bucket\.txt"/);
    assert.equal(await downloaded.text(), 'stored in the bucket');
  });
});

describe('a reset with the S3 store', () => {
  test("deletes the reset uploads' objects from the bucket", async () => {
    const { url, imageId } = await forcedImage(await newProduct());
    assert.equal((await put(url, png(), 'image/png')).status, 200);
    const bucket = s3Store(await s3.ready(), systemClock);
    try {
      assert.ok(await bucket.stat(`images/${imageId}`), 'the object is in the bucket');
      assert.equal((await server().request('POST', '/_pricebook/reset')).status, 200);
      assert.equal(await bucket.stat(`images/${imageId}`), undefined, 'the reset deleted it');
    } finally {
      await bucket.close();
    }
  });
});
