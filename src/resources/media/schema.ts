import { type Static, Type } from '@sinclair/typebox';
import { Nullable, OptionalNullable, Uuid } from '../../http/schemas.ts';

// Wire shapes of the image and file upload operations, named after the spec's components.

export const ForceUpdateQuery = Type.Object({
  force_update: OptionalNullable(
    Type.Boolean({ description: 'If true, generates a new image ID to force cache invalidation' }),
  ),
});

const uploadUrl = Type.String({ description: 'Where to PUT the bytes, within 60 seconds' });

/** Products and collections: `image_id` only when `force_update` is true (catalog decision Q12). */
const optionalIdImageResponse = (title: string) =>
  Type.Object(
    {
      url: uploadUrl,
      image_id: Nullable(Type.String({ format: 'uuid', description: 'Present when force_update is true' })),
    },
    { title },
  );

/** Brands and addons: `image_id` always, to be passed to PATCH. */
const imageResponse = (title: string) =>
  Type.Object(
    { url: uploadUrl, image_id: Type.String({ format: 'uuid', description: 'Pass it as image_id to PATCH' }) },
    { title },
  );

export const UpdateProductImageResponse = optionalIdImageResponse('UpdateProductImageResponse');
export const UpdateCollectionImageResponse = optionalIdImageResponse('UpdateCollectionImageResponse');
export const UpdateBrandImageResponse = imageResponse('UpdateBrandImageResponse');
export const UpdateAddonImageResponse = imageResponse('UpdateAddonImageResponse');

/** File names are shown to buyers and sent in Content-Disposition. */
export const FILE_NAME_MAX = 255;

export const UploadProductFile = Type.Object(
  { file_name: Type.String({ minLength: 1, maxLength: FILE_NAME_MAX }) },
  { title: 'UploadProductFile' },
);

export const UploadProductFileResponse = Type.Object(
  { file_id: Uuid, url: uploadUrl },
  { title: 'UploadProductFileResponse' },
);

/** The signature of Pricebook's own upload and download URLs. */
export const SignedQuery = Type.Object({
  expires: Type.Optional(Type.String()),
  signature: Type.Optional(Type.String()),
});

export const UploadIdParams = Type.Object({ id: Uuid });

export type ForceUpdateQuery = Static<typeof ForceUpdateQuery>;
export type SignedQuery = Static<typeof SignedQuery>;
