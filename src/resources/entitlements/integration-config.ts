import { type Static, type TObject, Type } from '@sinclair/typebox';
import { invalid } from '../../errors.ts';
import { describeValidation } from '../../http/errors.ts';
import { Int32, Int64, Nullable, OptionalNullable, StringEnum, TimeInterval } from '../../http/schemas.ts';
import { validatorCompiler } from '../../http/validation.ts';
import type { ResolvedFiles } from '../media/service.ts';
import { fileIdsOf, type StoredDigitalFiles, toResolvedDigitalFiles } from './digital-files.ts';

// `IntegrationConfig` is an untagged union in the spec: which shape applies depends on the entitlement's
// `integration_type`, which the schema cannot express, so each shape is checked here against its type.

export const INTEGRATION_TYPES = [
  'discord',
  'telegram',
  'github',
  'figma',
  'framer',
  'notion',
  'digital_files',
  'license_key',
  'feature_flag',
] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

export const EntitlementIntegrationType = StringEnum(INTEGRATION_TYPES, { title: 'EntitlementIntegrationType' });

const Id = (description: string) => Type.String({ minLength: 1, description });

const featureFlag = Type.Object(
  {
    feature_type: StringEnum(['boolean'], { title: 'FeatureType' }),
    feature_id: Id('Merchant-chosen identifier of the capability this entitlement unlocks'),
  },
  { title: 'Feature Flag Config' },
);
const github = Type.Object(
  {
    target_id: Id('Repository or organisation slug to grant access to'),
    permission: StringEnum(['pull', 'push', 'admin', 'maintain', 'triage'], { title: 'GithubPermission' }),
  },
  { title: 'Github Config' },
);
const discord = Type.Object(
  { guild_id: Id('Discord guild (server) id'), role_id: OptionalNullable(Type.String()) },
  { title: 'Discord Config' },
);
const telegram = Type.Object({ chat_id: Id('Telegram chat id') }, { title: 'Telegram Config' });
const figma = Type.Object({ figma_file_id: Id('Figma file id') }, { title: 'Figma Config' });
const framer = Type.Object({ framer_template_id: Id('Framer template id') }, { title: 'Framer Config' });
const notion = Type.Object({ notion_template_id: Id('Notion template id') }, { title: 'Notion Config' });
const digitalFilesDelivery = {
  external_url: OptionalNullable(Type.String()),
  instructions: OptionalNullable(Type.String()),
};
const digitalFiles = Type.Object(
  {
    digital_file_ids: Type.Array(Type.String(), {
      description: 'Uploaded files; POST /entitlements/{id}/files adds one, DELETE …/files/{file_id} removes one',
    }),
    legacy_file_ids: OptionalNullable(
      Type.Array(Type.String(), { description: 'Uploaded files; on PATCH, omitted keeps them and null clears them' }),
    ),
    ...digitalFilesDelivery,
  },
  { title: 'Digital Files Config' },
);
const licenseKey = Type.Object(
  {
    activation_message: OptionalNullable(Type.String({ maxLength: 2500 })),
    activations_limit: OptionalNullable(Int32({ minimum: 0, description: 'Omit for unlimited activations' })),
    duration_count: OptionalNullable(Int32({ minimum: 1, description: 'Set with duration_interval, or neither' })),
    duration_interval: OptionalNullable(TimeInterval),
    fulfillment_mode: OptionalNullable(StringEnum(['auto', 'manual'], { title: 'FulfillmentMode' })),
  },
  { title: 'License Key Config' },
);

/** The shape each integration type takes, as requests send it and as it is stored. */
const SHAPES = {
  feature_flag: featureFlag,
  github,
  discord,
  telegram,
  figma,
  framer,
  notion,
  digital_files: digitalFiles,
  license_key: licenseKey,
} satisfies Record<IntegrationType, TObject>;

/** The spec's order matters to an untagged union: license_key, all optional, would match anything before it. */
export const IntegrationConfig = Type.Union(Object.values(SHAPES), { title: 'IntegrationConfig' });

const ResolvedDigitalFile = Type.Object({
  file_id: Type.String(),
  filename: Type.String(),
  download_url: Type.String(),
  content_type: Nullable(Type.String()),
  file_size: Nullable(Int64()),
  expires_in: Int64({ description: 'Seconds until download_url expires' }),
});

/** On reads, a digital_files config shows its files resolved, with download URLs. */
const resolvedDigitalFiles = Type.Object(
  {
    digital_files: Type.Object({
      files: Type.Array(ResolvedDigitalFile),
      external_url: Nullable(Type.String()),
      instructions: Nullable(Type.String()),
    }),
  },
  { title: 'Digital Files Config' },
);

/** In the same order as `IntegrationConfig`: serialization picks the first shape that fits. */
export const IntegrationConfigResponse = Type.Union(
  Object.values(SHAPES).map((shape) => (shape === digitalFiles ? resolvedDigitalFiles : shape)),
  { title: 'IntegrationConfigResponse' },
);

export type IntegrationConfig = Static<typeof IntegrationConfig>;
export type IntegrationConfigResponse = Static<typeof IntegrationConfigResponse>;
export type StoredConfig = Record<string, unknown>;

const validators = Object.fromEntries(
  Object.entries(SHAPES).map(([type, schema]) => [
    type,
    validatorCompiler({ schema, httpPart: 'body', method: 'POST', url: '/entitlements' }),
  ]),
) as Record<IntegrationType, ReturnType<typeof validatorCompiler>>;

/**
 * Checks `config` against the shape of `type` and returns what is stored: that shape's fields only, every optional
 * one present (null when not given). On PATCH, `before` is the stored config: an omitted `legacy_file_ids` keeps
 * its value, as the spec says. That the files were uploaded, each once, is checked apart (`configFileIds`), since
 * that may ask the blob store.
 */
export function normalizeConfig(type: IntegrationType, config: IntegrationConfig, before?: StoredConfig): StoredConfig {
  const validate = validators[type];
  if (validate(config) !== true) {
    throw invalid('INVALID_REQUEST_BODY', describeValidation('body/integration_config', validate.errors ?? []));
  }
  const given = config as StoredConfig;
  const stored: StoredConfig = Object.fromEntries(
    Object.keys(SHAPES[type].properties).map((key) => [key, given[key] ?? null]),
  );
  if (type === 'license_key' && (stored.duration_count === null) !== (stored.duration_interval === null)) {
    throw invalid('INVALID_REQUEST_BODY', 'body/integration_config: set duration_count and duration_interval together');
  }
  if (type === 'digital_files' && before && !('legacy_file_ids' in given)) {
    stored.legacy_file_ids = before.legacy_file_ids;
  }
  return stored;
}

/** A stored `digital_files` config, as `normalizeConfig` wrote it. */
export function digitalFilesOf(stored: StoredConfig): StoredDigitalFiles {
  return stored as unknown as StoredDigitalFiles;
}

/** The uploaded files a stored config attaches: none but for digital_files. */
export function configFileIds(type: string, stored: StoredConfig): string[] {
  return type === 'digital_files' ? fileIdsOf(digitalFilesOf(stored)) : [];
}

/** The config as reads show it; `files` holds at least the ones it attaches, resolved. */
export function toConfigResponse(type: string, stored: StoredConfig, files: ResolvedFiles): IntegrationConfigResponse {
  if (type === 'digital_files') return toResolvedDigitalFiles(digitalFilesOf(stored), files);
  return stored as IntegrationConfigResponse;
}
