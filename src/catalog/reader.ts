import { CreateAddonRequest } from '../resources/addons/schema.ts';
import { CreateBrandRequest } from '../resources/brands/schema.ts';
import { CreateCreditEntitlementRequest } from '../resources/credit-entitlements/schema.ts';
import { CreateMeterRequest } from '../resources/meters/schema.ts';
import { CreateProductRequest } from '../resources/products/schema.ts';
import { mapLimit } from './concurrency.ts';
import { type FileRef, sha256 } from './loader.ts';
import { type Entry, KINDS, type Kind } from './schema.ts';
import type { Target } from './target.ts';

// Reads everything a target holds into the file's shape, so the planner compares like with like: ids
// become keys, images and files become the SHA-256 of their bytes.

type Json = Record<string, unknown>;

/** Products and entitlements remember their key here; the other kinds have no metadata. */
export const KEY_FIELD = 'pricebook_key';
export const KINDS_WITH_METADATA: readonly Kind[] = ['products', 'entitlements'];

export interface TargetObject {
  kind: Kind;
  id: string;
  key: string;
  archived: boolean;
  raw: Json;
  entry: Entry;
}

export type TargetCatalog = Record<Kind, TargetObject[]>;

/** Decides the key of an object the target holds; undefined leaves it out of the catalog read. */
export type KeyResolver = (kind: Kind, raw: Json, id: string) => string | undefined;

export interface ReadOptions {
  /** Keeps downloaded bytes (by SHA-256) for an export. */
  assets?: Map<string, Buffer>;
  onProgress?: (done: number) => void;
}

const PAGE_SIZE = 100;

/** Every page of a list. The SDK's auto-pagination skips page 1 (it starts at 0, then asks for 2), so pages are asked for by number. */
export async function listAll(target: Target, path: string, query: Json = {}): Promise<Json[]> {
  const all: Json[] = [];
  for (let page = 0; ; page++) {
    const body = (await target.client.get(path, { query: { ...query, page_number: page, page_size: PAGE_SIZE } })) as {
      items: Json[];
    };
    all.push(...body.items);
    if (body.items.length < PAGE_SIZE) return all;
  }
}

const pick = (raw: Json, names: string[]) =>
  Object.fromEntries(names.filter((name) => name in raw).map((name) => [name, raw[name]]));

const fieldsOf = (schema: { properties: object }) => Object.keys(schema.properties);

function withoutKey(metadata: unknown): Json {
  const { [KEY_FIELD]: _key, ...rest } = (metadata ?? {}) as Json;
  return rest;
}

interface Raws {
  objects: Record<Kind, { id: string; archived: boolean; raw: Json }[]>;
  localizedPrices: Map<string, Json[]>;
  shortLinks: Map<string, Json[]>;
}

async function readRaw(target: Target, onProgress?: (done: number) => void): Promise<Raws> {
  const both = async (path: string, flag: string, archivedOf: (raw: Json) => boolean = () => false) => {
    const [active, archived] = await Promise.all([listAll(target, path), listAll(target, path, { [flag]: true })]);
    return [
      ...active.map((raw) => ({ raw, archived: archivedOf(raw) })),
      ...archived.map((raw) => ({ raw, archived: true })),
    ];
  };
  const brands = ((await target.client.get('/brands', { query: { include_archived: true } })) as { items: Json[] })
    .items;
  const [meters, credits, entitlements, addons, productList, collectionList, shortLinkList] = await Promise.all([
    both('/meters', 'archived'),
    both('/credit-entitlements', 'deleted'),
    listAll(target, '/entitlements'),
    listAll(target, '/addons'),
    both('/products', 'archived'),
    both('/product-collections', 'archived'),
    listAll(target, '/products/short_links'),
  ]);
  let done = 0;
  const products = await mapLimit(productList, target.concurrency, async ({ raw, archived }) => {
    const id = raw.product_id as string;
    // Localized prices need a pricing mode, so a product without one has none to ask for.
    const [full, prices] = await Promise.all([
      target.client.get(`/products/${id}`) as Promise<Json>,
      raw.pricing_mode == null
        ? { items: [] }
        : (target.client.get(`/products/${id}/localized-prices`) as Promise<{ items: Json[] }>),
    ]);
    onProgress?.(++done);
    return { id, archived, raw: { ...full, localized_prices: prices.items }, prices: prices.items };
  });
  const collections = await mapLimit(collectionList, target.concurrency, async ({ raw, archived }) => {
    const id = raw.id as string;
    return { id, archived, raw: (await target.client.get(`/product-collections/${id}`)) as Json };
  });
  const shortLinks = new Map<string, Json[]>();
  for (const link of shortLinkList) {
    const list = shortLinks.get(link.product_id as string) ?? [];
    list.push(link);
    shortLinks.set(link.product_id as string, list);
  }
  const idOf = (field: string) => (entry: { raw: Json; archived: boolean }) => ({
    ...entry,
    id: entry.raw[field] as string,
  });
  return {
    objects: {
      brands: brands.map((raw) => ({ raw, id: raw.brand_id as string, archived: raw.archived_at != null })),
      meters: meters.map(idOf('id')),
      credit_entitlements: credits.map(idOf('id')),
      entitlements: entitlements.map((raw) => ({ raw, id: raw.id as string, archived: false })),
      addons: addons.map((raw) => ({ raw, id: raw.id as string, archived: false })),
      products: products.map(({ id, archived, raw }) => ({ id, archived, raw })),
      collections,
    },
    localizedPrices: new Map(products.map((p) => [p.id, p.prices])),
    shortLinks,
  };
}

/** Reads the whole catalog a target holds, named by the keys `resolve` gives. */
export async function readTarget(
  target: Target,
  resolve: KeyResolver,
  options: ReadOptions = {},
): Promise<TargetCatalog> {
  const raws = await readRaw(target, options.onProgress);
  const keys = new Map<string, string>();
  const catalog = Object.fromEntries(KINDS.map((kind) => [kind, [] as TargetObject[]])) as unknown as TargetCatalog;
  for (const kind of KINDS) {
    for (const { id, archived, raw } of raws.objects[kind]) {
      const key = resolve(kind, raw, id);
      if (key === undefined) continue;
      keys.set(`${kind}:${id}`, key);
      catalog[kind].push({ kind, id, key, archived, raw, entry: { key } });
    }
  }
  const keyOf = (kind: Kind, id: unknown) => (id == null ? id : (keys.get(`${kind}:${id}`) ?? `unknown:${id}`));
  const hashes = new Map<string, Promise<string>>();
  const download = (url: string): Promise<string> => {
    let hash = hashes.get(url);
    if (!hash) {
      hash = (async () => {
        const response = await target.fetch(url);
        if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
        const bytes = Buffer.from(await response.arrayBuffer());
        const digest = sha256(bytes);
        options.assets?.set(digest, bytes);
        return digest;
      })();
      hashes.set(url, hash);
    }
    return hash;
  };
  const image = async (url: unknown) => (typeof url === 'string' ? download(url) : null);
  const files = (list: unknown): Promise<FileRef[]> =>
    Promise.all(
      ((list as Json[] | undefined) ?? []).map(async (file) => ({
        name: file.filename as string,
        sha256: await download(file.download_url as string),
      })),
    );
  const convert: Record<Kind, (object: TargetObject) => Promise<Json>> = {
    brands: async ({ raw }) => ({ ...pick(raw, fieldsOf(CreateBrandRequest)), image: await image(raw.image) }),
    meters: async ({ raw }) => pick(raw, fieldsOf(CreateMeterRequest)),
    credit_entitlements: async ({ raw }) => pick(raw, fieldsOf(CreateCreditEntitlementRequest)),
    entitlements: async ({ raw }) => {
      const config = raw.integration_config as Json;
      const digital = config.digital_files as Json | undefined;
      return {
        name: raw.name,
        description: raw.description,
        integration_type: raw.integration_type,
        integration_config: digital
          ? {
              external_url: digital.external_url,
              instructions: digital.instructions,
              files: await files(digital.files),
            }
          : config,
        metadata: withoutKey(raw.metadata),
      };
    },
    addons: async ({ raw }) => ({ ...pick(raw, fieldsOf(CreateAddonRequest)), image: await image(raw.image) }),
    products: async ({ id, raw }) => {
      const price = { ...(raw.price as Json) };
      if (Array.isArray(price.meters))
        price.meters = (price.meters as Json[]).map((m) => ({
          meter: keyOf('meters', m.meter_id),
          credit_entitlement: keyOf('credit_entitlements', m.credit_entitlement_id),
          price_per_unit: m.price_per_unit,
          free_threshold: m.free_threshold,
          meter_units_per_credit: m.meter_units_per_credit,
        }));
      const delivery = raw.digital_product_delivery as Json | null;
      return {
        ...pick(
          raw,
          fieldsOf(CreateProductRequest).filter(
            (f) =>
              !['brand_id', 'addons', 'entitlements', 'credit_entitlements', 'digital_product_delivery'].includes(f),
          ),
        ),
        metadata: withoutKey(raw.metadata),
        price,
        brand: keyOf('brands', raw.brand_id),
        addons: ((raw.addons as string[] | null) ?? []).map((a) => keyOf('addons', a)),
        entitlements: (raw.entitlements as Json[]).map((e) => keyOf('entitlements', e.id)),
        credit_entitlements: (raw.credit_entitlements as Json[]).map(
          ({ id: _id, credit_entitlement_id, credit_entitlement_name: _n, credit_entitlement_unit: _u, ...rest }) => ({
            credit_entitlement: keyOf('credit_entitlements', credit_entitlement_id),
            ...rest,
          }),
        ),
        digital_product_delivery: delivery && {
          external_url: delivery.external_url,
          instructions: delivery.instructions,
          files: await files(delivery.files),
        },
        image: await image(raw.image),
        localized_prices: sortPrices(
          (raws.localizedPrices.get(id) ?? []).map((p) => ({
            currency: p.currency,
            country_code: p.country_code,
            amount: p.amount,
          })),
        ),
        short_links: (raws.shortLinks.get(id) ?? []).map(shortLinkEntry),
      };
    },
    collections: async ({ raw }) => ({
      name: raw.name,
      description: raw.description,
      brand: keyOf('brands', raw.brand_id),
      image: await image(raw.image),
      effective_at_on_upgrade: raw.effective_at_on_upgrade,
      effective_at_on_downgrade: raw.effective_at_on_downgrade,
      on_payment_failure: raw.on_payment_failure,
      proration_billing_mode_on_upgrade: raw.proration_billing_mode_on_upgrade,
      proration_billing_mode_on_downgrade: raw.proration_billing_mode_on_downgrade,
      groups: (raw.groups as Json[]).map((group) => ({
        name: group.group_name,
        status: group.status,
        items: (group.products as Json[]).map((item) => ({
          product: keyOf('products', item.product_id),
          status: item.status,
        })),
      })),
    }),
  };
  for (const kind of KINDS) {
    await mapLimit(catalog[kind], target.concurrency, async (object) => {
      object.entry = {
        key: object.key,
        ...(object.archived ? { archived: true } : {}),
        ...(await convert[kind](object)),
      };
    });
  }
  return catalog;
}

/** Localized prices have no order of their own; sorted, a file and a target compare equal. */
export function sortPrices<T extends Json>(prices: T[]): T[] {
  const name = (p: Json) => `${p.currency}:${p.country_code ?? ''}`;
  return [...prices].sort((a, b) => name(a).localeCompare(name(b)));
}

function shortLinkEntry(link: Json): Json {
  const shortUrl = new URL(link.short_url as string);
  const fullUrl = new URL(link.full_url as string);
  const params = Object.fromEntries(fullUrl.searchParams);
  return {
    slug: decodeURIComponent(shortUrl.pathname.split('/').pop() ?? ''),
    ...(Object.keys(params).length > 0 ? { static_checkout_params: params } : {}),
  };
}
