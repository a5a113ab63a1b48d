/** Page size when the caller gives none, or 0 (the schema allows 0; Dodo treats it as the default). */
export const DEFAULT_PAGE_SIZE = 10;

export interface Page {
  limit: number;
  offset: number;
}

/** Zero-based page numbers, as Dodo numbers them: offset = page_number × page_size. */
export function toPage(query: { page_size?: number; page_number?: number }): Page {
  const limit = query.page_size || DEFAULT_PAGE_SIZE;
  return { limit, offset: (query.page_number ?? 0) * limit };
}
