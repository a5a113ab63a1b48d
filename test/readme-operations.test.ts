import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { useServer } from './support/server.ts';

const server = useServer();

const SECTION = '## Supported operations';
const ROW = /^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*`([^`]+)`\s*\|/;

/** `METHOD /path` for every row of the README's operations table. */
function documentedOperations(): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(SECTION);
  assert.ok(start >= 0, `README.md has a "${SECTION}" section`);
  const next = readme.indexOf('\n## ', start + SECTION.length);
  const section = readme.slice(start, next < 0 ? undefined : next);
  return section
    .split('\n')
    .map((line) => ROW.exec(line))
    .filter((match) => match !== null)
    .map(([, method, path]) => `${method} ${path}`);
}

describe('the README lists the operations the server serves', () => {
  test('one row per registered API route, and no row for a route that does not exist', async () => {
    const doc = await server().request('GET', '/openapi.json');
    const served = Object.entries(doc.json.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const documented = documentedOperations();
    assert.deepEqual(
      documented.filter((op, i) => documented.indexOf(op) !== i),
      [],
      'no operation is listed twice',
    );
    assert.deepEqual(
      served.filter((op) => !documented.includes(op)),
      [],
      'served but missing from the README table',
    );
    assert.deepEqual(
      documented.filter((op) => !served.includes(op)),
      [],
      'in the README table but not served',
    );
  });
});
