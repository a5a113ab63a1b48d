// Which database failures mean "the connection was lost", not "this request was wrong": the request may succeed
// when sent again, so it is answered 503 and the client is told to retry.

/**
 * SQLSTATEs of a server that went away or cannot take the connection: 57P01 admin_shutdown (pg_terminate_backend,
 * a fast shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting or in recovery), and class 08,
 * connection exceptions.
 */
const LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/** Socket-level failures Node reports when the server's end of the connection is gone or unreachable. */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** pg's own errors carry no code; these are its messages for a client whose connection has ended. */
const PG_CLIENT_MESSAGES =
  /Connection terminated|not queryable|Client was closed|timeout exceeded when trying to connect/;

export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (LOST_SQLSTATES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code)) return true;
  }
  return PG_CLIENT_MESSAGES.test(error.message);
}

/**
 * The connection was lost at COMMIT, after the transaction's work was done: the server may have committed it
 * or not, and nothing tells which. Sending the request again could then do it twice.
 */
export class CommitOutcomeUnknown extends Error {
  constructor(cause: unknown) {
    super('The database connection was lost while committing', { cause });
  }
}
