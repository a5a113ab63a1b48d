import { type Static, Type } from '@sinclair/typebox';
import { Int64, Nullable, OptionalNullable, StringEnum, Uuid } from '../../http/schemas.ts';

// Wire shapes of /brands, named after the spec's components.

/** Card networks print at most 22 characters of a statement descriptor. */
export const STATEMENT_DESCRIPTOR_MAX = 22;

export const BrandVerificationStatus = StringEnum(['Success', 'Fail', 'Review', 'Hold'], {
  title: 'BrandVerificationStatus',
});

export const Brand = Type.Object(
  {
    brand_id: Type.String(),
    business_id: Type.String(),
    name: Nullable(Type.String()),
    description: Nullable(Type.String()),
    image: Nullable(Type.String()),
    statement_descriptor: Type.String(),
    support_email: Nullable(Type.String()),
    url: Nullable(Type.String()),
    enabled: Type.Boolean(),
    verification_enabled: Type.Boolean(),
    verification_status: BrandVerificationStatus,
    reason_for_hold: Nullable(Type.String({ description: 'Why verification failed or is on hold' })),
    archived_at: Nullable(
      Type.String({ format: 'date-time', description: 'When the brand was archived; null while active' }),
    ),
  },
  { title: 'BrandResponse' },
);

const editable = {
  name: OptionalNullable(Type.String()),
  description: OptionalNullable(Type.String()),
  statement_descriptor: OptionalNullable(
    Type.String({
      minLength: 1,
      maxLength: STATEMENT_DESCRIPTOR_MAX,
      description: 'Defaults to the name, upper-cased',
    }),
  ),
  support_email: OptionalNullable(Type.String()),
  url: OptionalNullable(Type.String()),
};

export const CreateBrandRequest = Type.Object(editable, { title: 'CreateBrandRequest' });

/** Null leaves a field unchanged, as an absent one does (catalog decision Q1). */
export const PatchBrandRequest = Type.Object(
  { ...editable, image_id: OptionalNullable(Uuid) },
  { title: 'PatchBrandRequest' },
);

export const ArchiveBrandRequest = Type.Object(
  {
    move_products_to: OptionalNullable(
      Type.String({
        description: 'A non-archived brand of the same business that takes over the products and collections',
      }),
    ),
  },
  { title: 'ArchiveBrandRequest' },
);

const Count = (description: string) => Int64({ minimum: 0, description });

export const ArchiveBrandResponse = Type.Object(
  {
    brand_id: Type.String({ description: 'The archived brand' }),
    archived_at: Type.String({ format: 'date-time' }),
    products_moved: Count('Products moved to the target brand'),
    subscriptions_moved: Count('Live subscriptions moved to the target brand; Pricebook keeps none'),
    collections_moved: Count('Product collections moved to the target brand'),
    moved_to_brand_id: Nullable(Type.String({ description: 'The target brand; null when none was given' })),
  },
  { title: 'ArchiveBrandResponse' },
);

export const ListBrandsQuery = Type.Object({
  include_archived: Type.Optional(Type.Boolean({ description: 'Also list archived brands' })),
});

export type Brand = Static<typeof Brand>;
export type CreateBrandRequest = Static<typeof CreateBrandRequest>;
export type PatchBrandRequest = Static<typeof PatchBrandRequest>;
export type ArchiveBrandRequest = Static<typeof ArchiveBrandRequest>;
export type ArchiveBrandResponse = Static<typeof ArchiveBrandResponse>;
export type ListBrandsQuery = Static<typeof ListBrandsQuery>;
