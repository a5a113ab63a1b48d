import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { UnprocessableEntityError } from 'dodopayments';
import { oneTimeProduct } from './support/factories.ts';
import { png } from './support/images.ts';
import { useServer } from './support/server.ts';
import { put } from './support/uploads.ts';

// The filesystem store: Pricebook itself takes the bytes through signed URLs and serves them back.

let skewMs = 0;
const server = useServer({ clock: () => Date.now() + skewMs });
afterEach(() => {
  skewMs = 0;
});

async function newProduct() {
  return (await server().client().products.create(oneTimeProduct())).product_id;
}

async function imageOf(productId: string) {
  return (await server().client().products.retrieve(productId)).image;
}

describe('product images', () => {
  test('a PNG uploaded with force_update and attached with PATCH is served at the product image URL', async () => {
    const client = server().client();
    const productId = await newProduct();
    const issued = await client.products.images.update(productId, { force_update: true });
    assert.match(issued.image_id ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(issued.url.startsWith(`${server().url}/uploads/`), 'a URL on this server');

    const bytes = png();
    const uploaded = await put(issued.url, bytes, 'image/png');
    assert.equal(uploaded.status, 200);
    assert.equal(await imageOf(productId), null, 'uploading alone does not attach a forced image');

    await client.products.update(productId, { image_id: issued.image_id });
    const image = await imageOf(productId);
    assert.equal(image, `${server().url}/images/${issued.image_id}`);
    const served = await fetch(image!);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes);
  });

  test('without force_update the uploaded image becomes the product image by itself', async () => {
    const productId = await newProduct();
    const issued = await server().client().products.images.update(productId);
    assert.equal(issued.image_id, null);
    const bytes = png({ width: 3 });
    assert.equal((await put(issued.url, bytes)).status, 200);
    const served = await fetch((await imageOf(productId))!);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes);
  });

  test('JPEG and WebP are accepted by their bytes, whatever content type is declared', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    for (const [bytes, type] of [
      [jpeg, 'image/jpeg'],
      [webp, 'image/webp'],
    ] as const) {
      const productId = await newProduct();
      const issued = await server().client().products.images.update(productId);
      assert.equal((await put(issued.url, bytes, 'text/plain')).status, 200);
      assert.equal((await fetch((await imageOf(productId))!)).headers.get('content-type'), type);
    }
  });

  test('an expired upload URL is refused with 403 and nothing is attached', async () => {
    const productId = await newProduct();
    const issued = await server().client().products.images.update(productId, { force_update: true });
    skewMs = 61_000;
    const response = await put(issued.url, png());
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { code: string }).code, 'SIGNED_URL_EXPIRED');
    skewMs = 0;
    await assert.rejects(
      server().client().products.update(productId, { image_id: issued.image_id }),
      UnprocessableEntityError,
      'an image never uploaded cannot be attached',
    );
    assert.equal(await imageOf(productId), null);
  });

  test('a tampered upload URL is refused with 403 and nothing is attached', async () => {
    const productId = await newProduct();
    const issued = await server().client().products.images.update(productId);
    const url = new URL(issued.url);
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const other = new URL(url);
    other.pathname = `/uploads/${crypto.randomUUID()}`;
    const unsigned = new URL(url);
    unsigned.search = '';
    for (const tampered of [later, other, unsigned]) {
      const response = await put(tampered.href, png());
      assert.equal(response.status, 403, tampered.href);
      assert.equal(((await response.json()) as { code: string }).code, 'SIGNED_URL_INVALID');
    }
    assert.equal(await imageOf(productId), null);
  });

  test('a file that is not an image is refused with 415 and nothing is attached', async () => {
    const productId = await newProduct();
    const issued = await server().client().products.images.update(productId);
    const response = await put(issued.url, '<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/png');
    assert.equal(response.status, 415);
    assert.equal(((await response.json()) as { code: string }).code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal(await imageOf(productId), null);
  });

  test('an image over 3 MB is refused with 413 and nothing is attached', async () => {
    const productId = await newProduct();
    const issued = await server().client().products.images.update(productId);
    const response = await put(issued.url, png({ paddedTo: 3 * 1024 * 1024 + 1 }), 'image/png');
    assert.equal(response.status, 413);
    assert.equal(await imageOf(productId), null);
    // Exactly 3 MB passes.
    assert.equal((await put(issued.url, png({ paddedTo: 3 * 1024 * 1024 }), 'image/png')).status, 200);
    assert.notEqual(await imageOf(productId), null);
  });

  test('an image_id that names no uploaded image is refused with 422', async () => {
    const productId = await newProduct();
    const response = await server().request('PATCH', `/products/${productId}`, {
      body: { image_id: crypto.randomUUID() },
    });
    assert.equal(response.status, 422);
    assert.equal(response.json.code, 'IMAGE_NOT_UPLOADED');
  });

  test('images of an unknown product give 404', async () => {
    const response = await server().request('PUT', '/products/pdt_unknown/images');
    assert.equal(response.status, 404);
  });
});

describe('product files', () => {
  test('a file uploads, attaches with PATCH and downloads from its signed download_url', async () => {
    const client = server().client();
    const productId = await newProduct();
    const issued = await client.products.updateFiles(productId, { file_name: 'Guide (v2).pdf' });
    const bytes = Buffer.from('%PDF-1.7 not really a pdf\n');
    assert.equal((await put(issued.url, bytes, 'application/pdf')).status, 200);

    await client.products.update(productId, { digital_product_delivery: { files: [issued.file_id] } });
    const delivery = (await client.products.retrieve(productId)).digital_product_delivery;
    assert.ok(delivery);
    const [file] = delivery.files;
    assert.ok(file);
    assert.deepEqual(
      { ...file, download_url: undefined },
      {
        file_id: issued.file_id,
        filename: 'Guide (v2).pdf',
        content_type: 'application/pdf',
        file_size: bytes.length,
        expires_in: 3600,
        download_url: undefined,
      },
    );
    const downloaded = await fetch(file.download_url);
    assert.equal(downloaded.status, 200);
    assert.match(downloaded.headers.get('content-disposition') ?? '', /filename="Guide \(v2\)\.pdf"/);
    assert.deepEqual(Buffer.from(await downloaded.arrayBuffer()), bytes);

    skewMs = 3601_000;
    assert.equal((await fetch(file.download_url)).status, 403, 'the download URL expires');
  });

  test('files never uploaded, or named twice, are refused with 422 and the delivery is unchanged', async () => {
    const client = server().client();
    const productId = await newProduct();
    const issued = await client.products.updateFiles(productId, { file_name: 'a.zip' });
    for (const files of [[issued.file_id], [crypto.randomUUID()]]) {
      const response = await server().request('PATCH', `/products/${productId}`, {
        body: { digital_product_delivery: { files } },
      });
      assert.equal(response.status, 422);
      assert.equal(response.json.code, 'MISSING_FILE_IDS');
    }
    await put(issued.url, 'zip');
    const twice = await server().request('PATCH', `/products/${productId}`, {
      body: { digital_product_delivery: { files: [issued.file_id, issued.file_id] } },
    });
    assert.equal(twice.status, 422);
    assert.equal((await client.products.retrieve(productId)).digital_product_delivery, null);
  });

  test('a product holds at most 10 files', async () => {
    const client = server().client();
    const productId = await newProduct();
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      const issued = await client.products.updateFiles(productId, { file_name: `part-${i}.bin` });
      await put(issued.url, `part ${i}`);
      ids.push(issued.file_id);
    }
    const tooMany = await server().request('PATCH', `/products/${productId}`, {
      body: { digital_product_delivery: { files: ids } },
    });
    assert.equal(tooMany.status, 422);
    await client.products.update(productId, { digital_product_delivery: { files: ids.slice(0, 10) } });
    const delivery = (await client.products.retrieve(productId)).digital_product_delivery;
    assert.deepEqual(
      delivery?.files.map((f) => f.file_id),
      ids.slice(0, 10),
    );
  });
});
