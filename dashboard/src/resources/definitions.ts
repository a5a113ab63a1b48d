import type DodoPayments from 'dodopayments';
import { numberOrUndefined, textOrNull, type Values } from '../forms.tsx';
import { all } from '../paging.ts';
import { INTERVALS, TAX_CATEGORIES } from '../products/product-values.ts';

export type Item = Record<string, unknown>;

export interface FieldDefinition {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'select' | 'check' | 'json';
  options?: readonly string[];
  /** Sent on create only: the API does not change it afterwards. */
  createOnly?: boolean;
}

/** What a list-create-edit-archive page needs to know about one resource. */
export interface ResourceDefinition {
  path: string;
  title: string;
  singular: string;
  idOf(item: Item): string;
  fields: FieldDefinition[];
  list(client: DodoPayments, archived: boolean): Promise<Item[]>;
  create(client: DodoPayments, body: Item): Promise<unknown>;
  update?(client: DodoPayments, id: string, body: Item): Promise<unknown>;
  archive?(client: DodoPayments, id: string): Promise<unknown>;
  unarchive?(client: DodoPayments, id: string): Promise<unknown>;
  /** Whether the archived filter means anything for this resource. */
  archivable: boolean;
}

export class JsonValueError extends Error {
  constructor(readonly field: string) {
    super(`body/${field} is not valid JSON`);
  }
}

/** Form values as a request body: empty text and numbers become null, JSON fields are parsed or left out. */
export function bodyOf(fields: FieldDefinition[], values: Values, creating: boolean): Item {
  const body: Item = {};
  for (const f of fields) {
    if (f.createOnly && !creating) continue;
    const v = values[f.name];
    if (f.kind === 'check') body[f.name] = v === true;
    else if (f.kind === 'number') body[f.name] = numberOrUndefined(v) ?? null;
    else if (f.kind === 'json') {
      const text = String(v ?? '').trim();
      // Left empty: not sent, so the API's default applies (metadata {}, no filter).
      if (!text) continue;
      try {
        body[f.name] = JSON.parse(text);
      } catch {
        throw new JsonValueError(f.name);
      }
    } else body[f.name] = textOrNull(v);
  }
  return body;
}

export function valuesOf(fields: FieldDefinition[], item: Item | null): Values {
  const values: Values = {};
  for (const f of fields) {
    const v = item?.[f.name];
    if (f.kind === 'check') values[f.name] = v === true;
    else if (f.kind === 'json') values[f.name] = v === undefined || v === null ? '' : JSON.stringify(v, null, 1);
    else values[f.name] = v === undefined || v === null ? (f.options?.[0] ?? '') : String(v);
  }
  return values;
}

const text = (name: string, label: string): FieldDefinition => ({ name, label, kind: 'text' });
const as = <T>(v: unknown) => v as T;
const items = (list: unknown[]) => list as Item[];

export const resources: ResourceDefinition[] = [
  {
    path: 'brands',
    title: 'Brands',
    singular: 'brand',
    idOf: (b) => String(b.brand_id),
    fields: [
      text('name', 'Name'),
      text('description', 'Description'),
      text('statement_descriptor', 'Statement descriptor'),
      text('support_email', 'Support email'),
      text('url', 'Website'),
    ],
    archivable: false,
    list: async (c) => items((await c.brands.list()).items),
    create: (c, body) => c.brands.create(body),
    update: (c, id, body) => c.brands.update(id, body),
    archive: (c, id) => c.brands.archive(id, {}),
  },
  {
    path: 'addons',
    title: 'Addons',
    singular: 'addon',
    idOf: (a) => String(a.id),
    fields: [
      text('name', 'Name'),
      text('description', 'Description'),
      { name: 'price', label: 'Price (smallest unit)', kind: 'number' },
      text('currency', 'Currency'),
      { name: 'tax_category', label: 'Tax category', kind: 'select', options: TAX_CATEGORIES },
    ],
    archivable: false,
    list: async (c) => items(await all((page) => c.addons.list(page))),
    create: (c, body) => c.addons.create(as(body)),
    update: (c, id, body) => c.addons.update(id, body),
  },
  {
    path: 'meters',
    title: 'Meters',
    singular: 'meter',
    idOf: (m) => String(m.id),
    fields: [
      text('name', 'Name'),
      text('description', 'Description'),
      text('event_name', 'Event name'),
      text('measurement_unit', 'Measurement unit'),
      { name: 'aggregation', label: 'Aggregation (JSON)', kind: 'json' },
      { name: 'filter', label: 'Filter tree (JSON)', kind: 'json' },
    ],
    archivable: true,
    list: async (c, archived) => items(await all((page) => c.meters.list({ ...page, archived }))),
    create: (c, body) => c.meters.create(as(body)),
    archive: (c, id) => c.meters.archive(id),
    unarchive: (c, id) => c.meters.unarchive(id),
  },
  {
    path: 'credit-entitlements',
    title: 'Credit entitlements',
    singular: 'credit entitlement',
    idOf: (e) => String(e.id),
    fields: [
      text('name', 'Name'),
      text('description', 'Description'),
      { ...text('unit', 'Unit'), createOnly: true },
      { name: 'precision', label: 'Precision (decimals)', kind: 'number', createOnly: true },
      text('currency', 'Currency'),
      text('price_per_unit', 'Price per unit'),
      { name: 'expires_after_days', label: 'Expires after days', kind: 'number' },
      { name: 'overage_enabled', label: 'Overage allowed', kind: 'check' },
      {
        name: 'overage_behavior',
        label: 'Overage behavior',
        kind: 'select',
        options: ['', 'forgive_at_reset', 'invoice_at_billing', 'carry_deficit', 'carry_deficit_auto_repay'],
      },
      { name: 'overage_limit', label: 'Overage limit', kind: 'number' },
      { name: 'rollover_enabled', label: 'Rollover', kind: 'check' },
      { name: 'rollover_percentage', label: 'Rollover percentage', kind: 'number' },
      { name: 'rollover_timeframe_count', label: 'Rollover timeframe (count)', kind: 'number' },
      {
        name: 'rollover_timeframe_interval',
        label: 'Rollover timeframe interval',
        kind: 'select',
        options: ['', ...INTERVALS],
      },
      { name: 'max_rollover_count', label: 'Max rollovers', kind: 'number' },
    ],
    archivable: true,
    list: async (c, archived) => items(await all((page) => c.creditEntitlements.list({ ...page, deleted: archived }))),
    create: (c, body) => c.creditEntitlements.create(as(body)),
    update: (c, id, body) => c.creditEntitlements.update(id, body),
    archive: (c, id) => c.creditEntitlements.delete(id),
    unarchive: (c, id) => c.creditEntitlements.undelete(id),
  },
  {
    path: 'entitlements',
    title: 'Entitlements',
    singular: 'entitlement',
    idOf: (e) => String(e.id),
    fields: [
      text('name', 'Name'),
      text('description', 'Description'),
      {
        name: 'integration_type',
        label: 'Integration',
        kind: 'select',
        options: [
          'feature_flag',
          'license_key',
          'digital_files',
          'github',
          'discord',
          'telegram',
          'figma',
          'framer',
          'notion',
        ],
        createOnly: true,
      },
      { name: 'integration_config', label: 'Integration config (JSON)', kind: 'json' },
      { name: 'metadata', label: 'Metadata (JSON object)', kind: 'json' },
    ],
    archivable: false,
    list: async (c) => items(await all((page) => c.entitlements.list(page))),
    create: (c, body) => c.entitlements.create(as(body)),
    update: (c, id, body) => c.entitlements.update(id, body),
    archive: (c, id) => c.entitlements.delete(id),
  },
];
