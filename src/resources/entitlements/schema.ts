import { type Static, Type } from '@sinclair/typebox';
import { Metadata, Nullable, OptionalNullable, PageQuery } from '../../http/schemas.ts';
import { EntitlementIntegrationType, IntegrationConfig, IntegrationConfigResponse } from './integration-config.ts';

// Wire shapes of /entitlements, named after the spec's components.

const Name = Type.String({ minLength: 1, description: 'Display name' });

export const CreateEntitlementRequest = Type.Object(
  {
    name: Name,
    description: OptionalNullable(Type.String()),
    integration_type: EntitlementIntegrationType,
    integration_config: IntegrationConfig,
    metadata: Type.Optional(Metadata),
  },
  { title: 'CreateEntitlementRequest' },
);

/** Null leaves a field unchanged, as an absent one does (Q1). The config is checked against the stored type. */
export const PatchEntitlementRequest = Type.Object(
  {
    name: OptionalNullable(Name),
    description: OptionalNullable(Type.String()),
    integration_config: OptionalNullable(IntegrationConfig),
    metadata: OptionalNullable(Metadata),
  },
  { title: 'PatchEntitlementRequest' },
);

const summary = {
  id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  integration_type: EntitlementIntegrationType,
  integration_config: IntegrationConfigResponse,
};

/** An entitlement as a product shows it. */
export const ProductEntitlementSummary = Type.Object(summary, { title: 'ProductEntitlementSummary' });

export const Entitlement = Type.Object(
  {
    ...summary,
    business_id: Type.String(),
    is_active: Type.Boolean({ description: 'Always true: deleted entitlements are never returned' }),
    metadata: Metadata,
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { title: 'EntitlementResponse' },
);

export const ListEntitlementsQuery = Type.Object({
  ...PageQuery,
  integration_type: Type.Optional(EntitlementIntegrationType),
});

/** Pass `file_id` to `DELETE /entitlements/{id}/files/{file_id}` to detach the file. */
export const UploadEntitlementFileResponse = Type.Object(
  { file_id: Type.String({ format: 'uuid', description: 'The attached file' }) },
  { title: 'UploadEntitlementFileResponse' },
);

export const EntitlementFileParams = Type.Object({ id: Type.String(), file_id: Type.String() });

export type Entitlement = Static<typeof Entitlement>;
export type ProductEntitlementSummary = Static<typeof ProductEntitlementSummary>;
export type CreateEntitlementRequest = Static<typeof CreateEntitlementRequest>;
export type PatchEntitlementRequest = Static<typeof PatchEntitlementRequest>;
export type ListEntitlementsQuery = Static<typeof ListEntitlementsQuery>;
