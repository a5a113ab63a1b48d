import type { Product } from 'dodopayments/resources/products/products';

/** What the product is linked to, each a link to its own page. */
export function ProductLinks({ product }: { product: Product }) {
  const meters = product.price.type === 'usage_based_price' ? (product.price.meters ?? []) : [];
  const groups = [
    { title: 'Addons', path: 'addons', items: (product.addons ?? []).map((id) => ({ id, label: id })) },
    { title: 'Meters', path: 'meters', items: meters.map((m) => ({ id: m.meter_id, label: m.name ?? m.meter_id })) },
    {
      title: 'Credit entitlements',
      path: 'credit-entitlements',
      items: product.credit_entitlements.map((c) => ({
        id: c.credit_entitlement_id,
        label: `${c.credit_entitlement_name}: ${c.credits_amount} ${c.credit_entitlement_unit}`,
      })),
    },
    {
      title: 'Entitlements',
      path: 'entitlements',
      items: product.entitlements.map((e) => ({ id: e.id, label: `${e.name} (${e.integration_type})` })),
    },
  ];
  return (
    <section className="card" aria-label="Linked resources">
      <h2>Linked</h2>
      {groups.map((g) => (
        <div key={g.title}>
          <h3>{g.title}</h3>
          {g.items.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul>
              {g.items.map((i) => (
                <li key={i.id}>
                  <a href={`#/${g.path}/${i.id}`}>{i.label}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
