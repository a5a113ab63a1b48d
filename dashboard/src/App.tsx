import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Collections } from './collections/Collections.tsx';
import { Products } from './products/Products.tsx';
import { RequestLog } from './RequestLog.tsx';
import { resources } from './resources/definitions.ts';
import { ResourcePage } from './resources/ResourcePage.tsx';
import { go, useRoute } from './router.ts';
import { SignIn } from './SignIn.tsx';
import { openSession, type Session, storedKey, storeKey } from './session.ts';
import { SessionContext } from './session-context.ts';

const sections = [
  { path: 'products', label: 'Products' },
  { path: 'collections', label: 'Collections' },
  ...resources.map((r) => ({ path: r.path, label: r.title })),
  { path: 'requests', label: 'Request log' },
];

export function App() {
  const queries = useQueryClient();
  const [session, setSession] = useState<Session | null>(() => {
    const key = storedKey();
    return key ? openSession(key) : null;
  });
  const route = useRoute();

  function signIn(key: string | null) {
    storeKey(key);
    // Another key is another business or mode: nothing read with the previous one may show.
    queries.clear();
    setSession(key ? openSession(key) : null);
  }

  if (!session) return <SignIn onSignIn={signIn} />;
  const [section = 'products', ...rest] = route;
  const resource = resources.find((r) => r.path === section);
  return (
    <SessionContext.Provider value={session}>
      <header className="top">
        <strong>Pricebook</strong>
        <span className={`badge ${session.mode}`} data-testid="mode">
          {session.mode === 'live' ? 'Live mode' : 'Test mode'}
        </span>
        <span className="muted">key {session.key.slice(0, 12)}…</span>
        <SwitchKey onSignIn={signIn} />
      </header>
      <nav aria-label="Sections" className="sections">
        {sections.map((s) => (
          <a key={s.path} href={`#/${s.path}`} aria-current={s.path === section ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      <main>
        {section === 'products' && <Products route={rest} />}
        {section === 'collections' && <Collections route={rest} />}
        {section === 'requests' && <RequestLog />}
        {resource && <ResourcePage key={resource.path} definition={resource} route={rest} />}
        {!resource && !['products', 'collections', 'requests'].includes(section) && (
          <p>
            No page here.{' '}
            <button type="button" onClick={() => go('products')}>
              Go to products
            </button>
          </p>
        )}
      </main>
    </SessionContext.Provider>
  );
}

function SwitchKey({ onSignIn }: { onSignIn: (key: string | null) => void }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <span className="actions">
        <button type="button" onClick={() => setOpen(true)}>
          Switch key
        </button>
        <button type="button" onClick={() => onSignIn(null)}>
          Sign out
        </button>
      </span>
    );
  return (
    <SignIn
      compact
      onSignIn={(key) => {
        setOpen(false);
        onSignIn(key);
      }}
    />
  );
}
