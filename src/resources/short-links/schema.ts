import { type Static, Type } from '@sinclair/typebox';
import { OptionalNullable, PageQuery } from '../../http/schemas.ts';

// Wire shapes of the short-link operations, named after the spec's components.

/** Slugs are path segments of the short URL (catalog decision Q13). */
export const SLUG_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

export const CreateShortLinkRequest = Type.Object(
  {
    slug: Type.String({ pattern: SLUG_PATTERN, description: 'Slug for the short link: 1 to 64 of A-Z a-z 0-9 _ -' }),
    static_checkout_params: OptionalNullable(
      Type.Record(Type.String(), Type.String(), {
        description: 'Static Checkout URL parameters to apply to the resulting short URL.',
      }),
    ),
  },
  { title: 'CreateShortLinkRequest' },
);

export const ShortLinkResponse = Type.Object(
  {
    short_url: Type.String({ description: 'Short URL; a GET on it redirects to full_url.' }),
    full_url: Type.String({ description: 'Full URL.' }),
  },
  { title: 'ShortLinkResponse' },
);

export const ShortLinkItem = Type.Object(
  {
    product_id: Type.String({ description: 'Product ID associated with the short link' }),
    short_url: Type.String({ description: 'Short URL' }),
    full_url: Type.String({ description: 'Full URL the short url redirects to' }),
    created_at: Type.String({ format: 'date-time', description: 'When the short url was created' }),
  },
  { title: 'ShortLinkItem' },
);

export const ListShortLinksQuery = Type.Object({
  ...PageQuery,
  product_id: Type.Optional(Type.String({ description: 'Filter by product ID' })),
});

export const ShortLinkParams = Type.Object({
  mode: Type.Union([Type.Literal('test'), Type.Literal('live')]),
  businessId: Type.String(),
  slug: Type.String(),
});

export type CreateShortLinkRequest = Static<typeof CreateShortLinkRequest>;
export type ShortLinkResponse = Static<typeof ShortLinkResponse>;
export type ShortLinkItem = Static<typeof ShortLinkItem>;
export type ListShortLinksQuery = Static<typeof ListShortLinksQuery>;
export type ShortLinkParams = Static<typeof ShortLinkParams>;
