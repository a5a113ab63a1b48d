import type DodoPayments from 'dodopayments';
import { creditEntitlement, entitlement, meter } from '../support/catalog-factories.ts';
import { oneTimeProduct, recurringProduct, usageBasedProduct } from '../support/factories.ts';
import { png } from '../support/images.ts';
import { put } from '../support/uploads.ts';

/** A catalog touching every kind and every feature the catalog file carries, made through the SDK. */
export async function seedCatalog(client: DodoPayments): Promise<void> {
  const brand = await client.brands.create({ name: 'Acme', support_email: 'help@acme.test' });
  const calls = await client.meters.create(meter());
  const tokens = await client.creditEntitlements.create(creditEntitlement());
  const pro = await client.entitlements.create(entitlement());
  const assets = await client.entitlements.create({
    name: 'Assets',
    integration_type: 'digital_files',
    integration_config: { digital_file_ids: [], instructions: 'Unzip it' },
  });
  const form = new FormData();
  form.append('file', new File([Buffer.from('zip bytes')], 'assets.zip', { type: 'application/zip' }));
  await client.entitlements.files.upload(assets.id, { body: form });
  const seat = await client.addons.create({ name: 'Seat', price: 500, currency: 'USD', tax_category: 'saas' });
  const seatImage = await client.addons.updateImages(seat.id);
  await put(seatImage.url, png({ width: 3 }), 'image/png');
  await client.addons.update(seat.id, { image_id: seatImage.image_id });

  const book = await client.products.create(
    oneTimeProduct({ name: 'Book', brand_id: brand.brand_id, pricing_mode: 'by_currency', metadata: { isbn: '123' } }),
  );
  const image = await client.products.images.update(book.product_id, { force_update: true });
  await put(image.url!, png({ width: 4 }), 'image/png');
  const file = await client.products.updateFiles(book.product_id, { file_name: 'book.pdf' });
  await put(file.url, 'pdf bytes', 'application/pdf');
  await client.products.update(book.product_id, {
    image_id: image.image_id!,
    digital_product_delivery: { files: [file.file_id], instructions: 'Read it' },
  });
  await client.products.localizedPrices.create(book.product_id, { currency: 'EUR', amount: 1400 });
  await client.products.localizedPrices.create(book.product_id, { currency: 'INR', amount: 90000 });
  await client.products.shortLinks.create(book.product_id, { slug: 'book', static_checkout_params: { quantity: '2' } });

  const plan = await client.products.create(
    recurringProduct({
      name: 'Pro',
      brand_id: brand.brand_id,
      addons: [seat.id],
      entitlements: [{ entitlement_id: pro.id }, { entitlement_id: assets.id }],
      credit_entitlements: [{ credit_entitlement_id: tokens.id, credits_amount: '100' }],
    }),
  );
  const usage = await client.products.create(
    usageBasedProduct({
      name: 'API',
      brand_id: brand.brand_id,
      price: {
        ...(usageBasedProduct().price as DodoPayments.Price.UsageBasedPrice),
        meters: [{ meter_id: calls.id, price_per_unit: '0.5', free_threshold: 100 }],
      },
    }),
  );
  const old = await client.products.create(oneTimeProduct({ name: 'Old' }));
  await client.products.archive(old.product_id);

  await client.productCollections.create({
    name: 'Plans',
    brand_id: brand.brand_id,
    groups: [
      { group_name: 'Monthly', products: [{ product_id: plan.product_id }, { product_id: usage.product_id }] },
      { group_name: 'Once', products: [{ product_id: book.product_id, status: false }] },
    ],
  });
}
