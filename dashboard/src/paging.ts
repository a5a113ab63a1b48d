/** The largest page the API serves. */
const PAGE_SIZE = 100;

/**
 * Every item of a list, page by page from page 0 until a short page. The pages are asked for explicitly:
 * the SDK's own auto-pagination, started without `page_number`, follows page 0 with page 2 and skips page 1.
 */
export async function all<T>(
  list: (page: { page_number: number; page_size: number }) => PromiseLike<{ items: T[] }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let page_number = 0; ; page_number++) {
    const page = await list({ page_number, page_size: PAGE_SIZE });
    items.push(...page.items);
    if (page.items.length < PAGE_SIZE) return items;
  }
}
