interface Condition {
  key: string;
  operator: string;
  value: unknown;
}
interface Filter {
  conjunction: string;
  clauses: (Condition | Filter)[];
}

/** A meter's filter as the nested list of conditions it is: each level joined by its conjunction. */
export function FilterTree({ filter }: { filter: unknown }) {
  if (!filter || typeof filter !== 'object') return <span className="muted">every event</span>;
  const f = filter as Filter;
  return (
    <ul className="tree" aria-label={`All joined by ${f.conjunction}`}>
      {f.clauses.map((c, i) => (
        // Clauses have no ids; their position is what identifies them.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <li key={i}>
          {i > 0 && <em>{f.conjunction} </em>}
          {'clauses' in c ? (
            <FilterTree filter={c} />
          ) : (
            <code>
              {c.key} {c.operator} {JSON.stringify(c.value)}
            </code>
          )}
        </li>
      ))}
    </ul>
  );
}
