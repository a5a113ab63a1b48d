import { type FormEvent, useState } from 'react';
import { problemOf } from './api-errors.ts';
import { openSession } from './session.ts';

/** Checks a key with one cheap call before keeping it, so a typo is reported here and not on every page. */
export function SignIn({ onSignIn, compact = false }: { onSignIn: (key: string) => void; compact?: boolean }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await openSession(key.trim()).client.brands.list();
      onSignIn(key.trim());
    } catch (e) {
      const problem = problemOf(e);
      setError(problem.status === 401 ? 'That key is not valid (unknown or revoked).' : problem.message);
    } finally {
      setBusy(false);
    }
  }

  const form = (
    <form onSubmit={submit} className={compact ? 'inline' : 'card'} aria-label="Sign in">
      <label>
        API key
        <input
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'sign-in-error' : undefined}
          required
        />
      </label>
      <button type="submit" disabled={busy}>
        {compact ? 'Use this key' : 'Sign in'}
      </button>
      {error && (
        <p id="sign-in-error" role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
  if (compact) return form;
  return (
    <main className="sign-in">
      <h1>Pricebook dashboard</h1>
      <p>Sign in with an API key. It is kept in this tab only and sent to this server alone.</p>
      {form}
    </main>
  );
}
