import DodoPayments from 'dodopayments';
import { type ChangeError, errorOf } from './change-errors.ts';
import { mapLimit } from './concurrency.ts';
import type { Entries, FileRef } from './loader.ts';
import type { Change, FieldChange, Plan } from './planner.ts';
import { KEY_FIELD, KINDS_WITH_METADATA, sortPrices, type TargetCatalog, type TargetObject } from './reader.ts';
import type { Entry, Kind } from './schema.ts';
import type { StateFile } from './state.ts';
import type { Target } from './target.ts';

// Runs a plan through the official SDK. Creates of one kind are independent of each other and run side
// by side; the SDK retries reads and updates, while creates (POST) are sent once and retried only on 429,
// which says the request was not processed. Whatever a failed run left undone, the next run's plan holds.

type Json = Record<string, unknown>;

export interface RunResult {
  created: number;
  updated: number;
  archived: number;
  errors: ChangeError[];
}

const BASE: Record<Kind, string> = {
  brands: '/brands',
  meters: '/meters',
  credit_entitlements: '/credit-entitlements',
  entitlements: '/entitlements',
  addons: '/addons',
  products: '/products',
  collections: '/product-collections',
};

/** Fields of the file that are not request fields of the same name. */
const SEPARATE = new Set(['key', 'archived', 'image', 'localized_prices', 'short_links', 'groups']);

const defined = (object: Json) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));

export class Runner {
  private readonly ids: Map<string, string>;
  private readonly held: Map<string, TargetObject>;
  private readonly byKey: Map<string, Entry>;

  constructor(
    private readonly target: Target,
    entries: Entries,
    private readonly assets: Map<string, Buffer>,
    catalog: TargetCatalog,
    private readonly state: StateFile,
  ) {
    const objects = Object.values(catalog).flat();
    this.ids = new Map(objects.map((o) => [`${o.kind}:${o.key}`, o.id]));
    this.held = new Map(objects.map((o) => [`${o.kind}:${o.key}`, o]));
    this.byKey = new Map(
      Object.entries(entries).flatMap(([kind, list]) => list.map((entry) => [`${kind}:${entry.key}`, entry] as const)),
    );
  }

  async run(plan: Plan, onProgress?: (done: number, total: number) => void): Promise<RunResult> {
    const result: RunResult = { created: 0, updated: 0, archived: 0, errors: [] };
    const failed = new Set<string>();
    let done = 0;
    // Consecutive changes of one action and kind do not depend on each other.
    const batches: Change[][] = [];
    for (const change of plan.changes) {
      const last = batches.at(-1)?.[0];
      if (last && last.action === change.action && last.kind === change.kind) batches.at(-1)?.push(change);
      else batches.push([change]);
    }
    for (const batch of batches) {
      await mapLimit(batch, this.target.concurrency, async (change) => {
        try {
          if (this.dependsOnFailure(change, failed)) throw new Error('skipped: an object it refers to failed');
          await this.apply(change);
          if (change.action === 'archive') result.archived++;
          else if (change.action === 'update') result.updated++;
          else result.created++;
        } catch (error) {
          failed.add(`${change.kind}:${change.key}`);
          result.errors.push(errorOf(change.kind, change.key, error));
        }
        onProgress?.(++done, plan.changes.length);
      });
    }
    return result;
  }

  private dependsOnFailure(change: Change, failed: Set<string>): boolean {
    if (failed.size === 0 || change.action === 'archive') return false;
    const entry = this.entry(change.kind, change.key);
    return [...references(change.kind, entry)].some((ref) => failed.has(ref));
  }

  private entry(kind: Kind, key: string): Entry {
    const entry = this.byKey.get(`${kind}:${key}`);
    if (!entry) throw new Error(`${kind} "${key}" is not in the file`);
    return entry;
  }

  private id(kind: Kind, key: unknown): string | undefined {
    if (key == null) return undefined;
    const id = this.ids.get(`${kind}:${key}`);
    if (!id) throw new Error(`${kind} "${key}" does not exist on the target`);
    return id;
  }

  private async apply(change: Change): Promise<void> {
    const base = BASE[change.kind];
    if (change.action === 'archive') return this.archive(change.kind, change.id);
    const entry = this.entry(change.kind, change.key);
    if (change.action === 'update') return this.update(change.kind, entry, change.id, change.fields);
    if (change.action === 'recreate') {
      await this.archive(change.kind, change.id);
      this.ids.delete(`${change.kind}:${change.key}`);
      this.held.delete(`${change.kind}:${change.key}`);
    }
    const created = (await this.create(base, this.body(change.kind, entry))) as Json;
    const id = created[
      change.kind === 'products' ? 'product_id' : change.kind === 'brands' ? 'brand_id' : 'id'
    ] as string;
    this.ids.set(`${change.kind}:${entry.key}`, id);
    if (!KINDS_WITH_METADATA.includes(change.kind)) this.state.remember(change.kind, entry.key, id);
    await this.after(change.kind, entry, id, undefined);
    if (entry.archived) await this.archive(change.kind, id);
  }

  /** A POST that makes something: sent once, and again only when the target said 429 (not processed). */
  private async create(path: string, body: unknown): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.target.client.post(path, { body, maxRetries: 0 });
      } catch (error) {
        if (!(error instanceof DodoPayments.APIError) || error.status !== 429 || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }

  private async archive(kind: Kind, id: string): Promise<void> {
    const base = BASE[kind];
    if (kind === 'brands') await this.target.client.post(`${base}/${id}/archive`, { body: {} });
    else await this.target.client.delete(`${base}/${id}`);
  }

  private async unarchive(kind: Kind, id: string): Promise<void> {
    const path = kind === 'credit_entitlements' ? 'undelete' : 'unarchive';
    await this.target.client.post(`${BASE[kind]}/${id}/${path}`);
  }

  /** The request body that makes (or, picked by field, updates) the object the entry describes. */
  private body(kind: Kind, entry: Entry): Json {
    const fields = Object.fromEntries(Object.entries(entry).filter(([name]) => !SEPARATE.has(name)));
    const withKey = (metadata: unknown) => ({ ...(metadata as Json | undefined), [KEY_FIELD]: entry.key });
    switch (kind) {
      case 'entitlements': {
        const config = { ...(entry.integration_config as Json) };
        if (entry.integration_type === 'digital_files') {
          delete config.files;
          config.digital_file_ids = [];
        }
        return { ...fields, integration_config: config, metadata: withKey(entry.metadata) };
      }
      case 'products': {
        const { brand, addons, entitlements, credit_entitlements, digital_product_delivery, ...rest } = fields;
        const price = { ...(entry.price as Json) };
        if (Array.isArray(price.meters))
          price.meters = (price.meters as Json[]).map(({ meter, credit_entitlement, ...m }) =>
            defined({
              ...m,
              meter_id: this.id('meters', meter),
              credit_entitlement_id: this.id('credit_entitlements', credit_entitlement),
            }),
          );
        const delivery = digital_product_delivery as Json | null | undefined;
        return defined({
          ...rest,
          price,
          metadata: withKey(entry.metadata),
          brand_id: this.id('brands', brand),
          addons: (addons as string[] | undefined)?.map((key) => this.id('addons', key)),
          entitlements: (entitlements as string[] | undefined)?.map((key) => ({
            entitlement_id: this.id('entitlements', key),
          })),
          credit_entitlements: (credit_entitlements as Json[] | undefined)?.map(({ credit_entitlement, ...c }) => ({
            ...c,
            credit_entitlement_id: this.id('credit_entitlements', credit_entitlement),
          })),
          digital_product_delivery: delivery
            ? defined({ external_url: delivery.external_url, instructions: delivery.instructions })
            : undefined,
        });
      }
      case 'collections': {
        const { brand, ...rest } = fields;
        return defined({
          ...rest,
          brand_id: this.id('brands', brand),
          groups: (entry.groups as Json[]).map((group) => ({
            group_name: group.name ?? null,
            status: group.status ?? true,
            products: (group.items as Json[]).map((item) => ({
              product_id: this.id('products', item.product),
              status: item.status ?? true,
            })),
          })),
        });
      }
      default:
        return fields;
    }
  }

  private async update(kind: Kind, entry: Entry, id: string, fields: FieldChange[]): Promise<void> {
    const names = new Set(fields.map((f) => f.field.replace(/\[.*$/, '')));
    if (names.has('archived')) await this.unarchive(kind, id);
    const body = this.body(kind, entry);
    const patch: Json = {};
    for (const name of names) {
      if (SEPARATE.has(name)) continue;
      const field = name === 'brand' ? 'brand_id' : name;
      if (field in body) patch[field] = body[field];
    }
    // Metadata is written whole, with the key: what the plan shows as its new value, plus the key.
    const metadata = fields.find((f) => f.field === 'metadata');
    if (metadata && KINDS_WITH_METADATA.includes(kind))
      patch.metadata = { ...(metadata.new as Json | undefined), [KEY_FIELD]: entry.key };
    if (kind === 'products' && 'digital_product_delivery' in patch) delete patch.digital_product_delivery;
    if (kind === 'entitlements' && entry.integration_type === 'digital_files') delete patch.integration_config;
    if (Object.keys(patch).length > 0) await this.target.client.patch(`${BASE[kind]}/${id}`, { body: patch });
    await this.after(kind, entry, id, names);
  }

  /** What a create or an update cannot carry in its body: images, files, prices, links, groups. */
  private async after(kind: Kind, entry: Entry, id: string, changed: Set<string> | undefined): Promise<void> {
    const wants = (field: string) => entry[field] !== undefined && (!changed || changed.has(field));
    const held = this.held.get(`${kind}:${entry.key}`);
    if (wants('image') && typeof entry.image === 'string') await this.uploadImage(kind, id, entry.image);
    if (kind === 'products') {
      const delivery = entry.digital_product_delivery as Json | null | undefined;
      if (wants('digital_product_delivery') && delivery) await this.productFiles(id, delivery, held);
      if (wants('localized_prices')) await this.localizedPrices(id, entry.localized_prices as Json[], held);
      if (wants('short_links')) await this.shortLinks(id, entry.short_links as Json[], held);
    }
    if (kind === 'entitlements' && entry.integration_type === 'digital_files' && wants('integration_config'))
      await this.entitlementFiles(id, entry, held);
    if (kind === 'collections' && changed?.has('groups') && held) await this.groups(id, entry.groups as Json[], held);
  }

  private async uploadImage(kind: Kind, id: string, hash: string): Promise<void> {
    const force = kind === 'products' || kind === 'collections' ? '?force_update=true' : '';
    const issued = (await this.target.client.put(`${BASE[kind]}/${id}/images${force}`)) as Json;
    await this.put(issued.url as string, this.bytes(hash));
    await this.target.client.patch(`${BASE[kind]}/${id}`, { body: { image_id: issued.image_id } });
  }

  private bytes(hash: string): Buffer {
    const bytes = this.assets.get(hash);
    if (!bytes) throw new Error(`no file with SHA-256 ${hash}`);
    return bytes;
  }

  private async put(url: string, bytes: Buffer): Promise<void> {
    const response = await this.target.fetch(url, {
      method: 'PUT',
      body: new Uint8Array(bytes),
      headers: { 'content-type': 'application/octet-stream' },
    });
    if (!response.ok) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  }

  private async productFiles(id: string, delivery: Json, held: TargetObject | undefined): Promise<void> {
    const had = uploaded(
      (held?.entry.digital_product_delivery as Json | null | undefined)?.files,
      (held?.raw.digital_product_delivery as Json | null | undefined)?.files,
    );
    const ids: string[] = [];
    for (const file of (delivery.files as FileRef[] | undefined) ?? []) {
      const existing = had.get(`${file.name}:${file.sha256}`);
      if (existing) {
        ids.push(existing);
        continue;
      }
      const issued = (await this.target.client.put(`/products/${id}/files`, {
        body: { file_name: file.name },
      })) as Json;
      await this.put(issued.url as string, this.bytes(file.sha256));
      ids.push(issued.file_id as string);
    }
    const body = defined({ external_url: delivery.external_url, instructions: delivery.instructions, files: ids });
    await this.target.client.patch(`/products/${id}`, { body: { digital_product_delivery: body } });
  }

  /** Uploads append to the entitlement; the PATCH then keeps exactly the file's list, in its order. */
  private async entitlementFiles(id: string, entry: Entry, held: TargetObject | undefined): Promise<void> {
    const { files, ...config } = entry.integration_config as Json;
    const had = uploaded(
      (held?.entry.integration_config as Json | undefined)?.files,
      ((held?.raw.integration_config as Json | undefined)?.digital_files as Json | undefined)?.files,
    );
    const ids: string[] = [];
    for (const file of (files as FileRef[] | undefined) ?? []) {
      const existing = had.get(`${file.name}:${file.sha256}`);
      if (existing) {
        ids.push(existing);
        continue;
      }
      const form = new FormData();
      form.append('file', new File([new Uint8Array(this.bytes(file.sha256))], file.name));
      const sent = await this.target.client.entitlements.files.upload(id, { body: form, maxRetries: 0 });
      ids.push(sent.file_id);
    }
    if (held)
      await this.target.client.patch(`/entitlements/${id}`, {
        body: { integration_config: { ...config, digital_file_ids: ids } },
      });
  }

  private async localizedPrices(id: string, want: Json[], held: TargetObject | undefined): Promise<void> {
    const name = (p: Json) => `${p.currency}:${p.country_code ?? ''}`;
    const have = new Map(((held?.raw.localized_prices as Json[] | undefined) ?? []).map((p) => [name(p), p]));
    for (const price of sortPrices(want)) {
      const existing = have.get(name(price));
      have.delete(name(price));
      if (!existing) await this.create(`/products/${id}/localized-prices`, defined(price));
      else if (existing.amount !== price.amount)
        await this.target.client.patch(`/products/${id}/localized-prices/${existing.id}`, {
          body: { amount: price.amount },
        });
    }
    for (const extra of have.values()) await this.target.client.delete(`/products/${id}/localized-prices/${extra.id}`);
  }

  private async shortLinks(id: string, want: Json[], held: TargetObject | undefined): Promise<void> {
    const have = new Set(((held?.entry.short_links as Json[] | undefined) ?? []).map((link) => link.slug));
    for (const link of want) if (!have.has(link.slug)) await this.create(`/products/${id}/short_links`, link);
  }

  private async groups(id: string, want: Json[], held: TargetObject): Promise<void> {
    const have = held.raw.groups as Json[];
    const base = `/product-collections/${id}/groups`;
    for (const [index, group] of want.entries()) {
      const products = (group.items as Json[]).map((item) => ({
        product_id: this.id('products', item.product) as string,
        status: (item.status as boolean | undefined) ?? true,
      }));
      const current = have[index];
      if (!current) {
        await this.create(base, { group_name: group.name ?? null, status: group.status ?? true, products });
        continue;
      }
      const groupId = current.group_id as string;
      let items = current.products as Json[];
      const wanted = new Set(products.map((p) => p.product_id));
      for (const item of items.filter((i) => !wanted.has(i.product_id as string)))
        await this.target.client.delete(`${base}/${groupId}/items/${item.id}`);
      items = items.filter((i) => wanted.has(i.product_id as string));
      const present = new Set(items.map((i) => i.product_id));
      const missing = products.filter((p) => !present.has(p.product_id));
      if (missing.length > 0)
        items = [...items, ...((await this.create(`${base}/${groupId}/items`, { products: missing })) as Json[])];
      const byProduct = new Map(items.map((i) => [i.product_id, i]));
      for (const p of products) {
        const item = byProduct.get(p.product_id) as Json;
        if (item.status !== p.status)
          await this.target.client.patch(`${base}/${groupId}/items/${item.id}`, { body: { status: p.status } });
      }
      const patch: Json = {};
      if ((current.group_name ?? null) !== (group.name ?? null)) patch.group_name = group.name;
      if (group.status !== undefined && current.status !== group.status) patch.status = group.status;
      const order = products.map((p) => (byProduct.get(p.product_id) as Json).id);
      if (order.some((itemId, i) => items[i]?.id !== itemId)) patch.product_order = order;
      if (Object.keys(patch).length > 0) await this.target.client.patch(`${base}/${groupId}`, { body: patch });
    }
    for (const extra of have.slice(want.length)) await this.target.client.delete(`${base}/${extra.group_id}`);
  }
}

/** Files a target already holds, by name and content: the same bytes under the same name are kept, not sent again. */
function uploaded(refs: unknown, raws: unknown): Map<string, string> {
  const list = (refs as FileRef[] | undefined) ?? [];
  const ids = (raws as Json[] | undefined) ?? [];
  return new Map(list.map((ref, index) => [`${ref.name}:${ref.sha256}`, ids[index]?.file_id as string]));
}

/** The objects an entry points at, as `kind:key`. */
function references(kind: Kind, entry: Entry): Set<string> {
  const refs = new Set<string>();
  if (kind === 'products') {
    if (entry.brand) refs.add(`brands:${entry.brand}`);
    for (const key of (entry.addons as string[] | undefined) ?? []) refs.add(`addons:${key}`);
    for (const key of (entry.entitlements as string[] | undefined) ?? []) refs.add(`entitlements:${key}`);
    for (const c of (entry.credit_entitlements as Json[] | undefined) ?? [])
      refs.add(`credit_entitlements:${c.credit_entitlement}`);
    for (const m of ((entry.price as Json).meters as Json[] | null | undefined) ?? []) refs.add(`meters:${m.meter}`);
  }
  if (kind === 'collections')
    for (const group of entry.groups as Json[])
      for (const item of group.items as Json[]) refs.add(`products:${item.product}`);
  return refs;
}
