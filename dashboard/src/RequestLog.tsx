import { useQuery } from '@tanstack/react-query';
// The log's entries as pricebook/testing publishes them: one declaration for every client of the endpoint.
import type { LoggedRequest } from '../../types/testing.d.ts';
import { problemOf } from './api-errors.ts';
import { ProblemBanner } from './forms.tsx';
import { useClient } from './session-context.ts';

const LIMIT = 100;

/** The key's recent requests, newest first, read from Pricebook's own request log through the SDK. */
export function RequestLog() {
  const client = useClient();
  const log = useQuery({
    queryKey: ['request-log'],
    queryFn: () => client.get<{ items: LoggedRequest[] }>('/_pricebook/requests', { query: { limit: LIMIT } }),
  });
  const problem = log.error ? problemOf(log.error) : null;
  return (
    <section>
      <div className="title-row">
        <h1>Request log</h1>
        <button type="button" onClick={() => log.refetch()}>
          Refresh
        </button>
      </div>
      {problem?.status === 404 ? (
        <p role="status">This server has no request log (it does not serve /_pricebook/requests).</p>
      ) : (
        <ProblemBanner problem={problem} />
      )}
      {log.data && log.data.items.length === 0 && <p>No requests yet.</p>}
      <ol className="log">
        {(log.data?.items ?? []).map((r) => (
          <li key={r.id}>
            <details>
              <summary>
                <code>{r.method}</code> {r.path}
                {r.query ? `?${r.query}` : ''} <span className={r.status >= 400 ? 'error' : 'ok'}>{r.status}</span>{' '}
                <span className="muted">
                  {r.duration_ms} ms · {new Date(r.started_at).toLocaleTimeString()}
                </span>
              </summary>
              <h3>Request body</h3>
              <pre>{r.request_body ?? '(none)'}</pre>
              <h3>Response body</h3>
              <pre>{r.response_body ?? '(none)'}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
