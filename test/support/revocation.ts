import DodoPayments from 'dodopayments';

/**
 * Milliseconds until `client`'s key is refused (401), trying a list every 20 ms. Gives up after `giveUpMs`
 * and returns Infinity, so a test asserting the 1 s bound reports how far off it was instead of hanging.
 */
export async function msUntilRefused(client: DodoPayments, giveUpMs = 5000): Promise<number> {
  const start = Date.now();
  for (;;) {
    const refused = await client.products.list().then(
      () => false,
      (error: unknown) => {
        if (error instanceof DodoPayments.AuthenticationError) return true;
        throw error;
      },
    );
    if (refused) return Date.now() - start;
    if (Date.now() - start > giveUpMs) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
