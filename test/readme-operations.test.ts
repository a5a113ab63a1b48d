import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { useServer } from './support/server.ts';

const server = useServer();

const API_SECTION = '## Supported operations';
const DEVTOOLS_SECTION = '### Developer endpoints';
const DEVTOOLS_PREFIX = '/_pricebook/';
const ROW = /^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*`([^`]+)`\s*\|/;

/** `METHOD /path` for every row of the table in one README section. */
function documentedOperations(heading: string): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(heading);
  assert.ok(start >= 0, `README.md has a "${heading}" section`);
  // The section ends at the next heading of its level or above.
  const level = heading.indexOf(' ');
  const rest = readme.slice(start + heading.length);
  const next = new RegExp(`\\n#{1,${level}} `).exec(rest)?.index;
  const section = rest.slice(0, next);
  return section
    .split('\n')
    .map((line) => ROW.exec(line))
    .filter((match) => match !== null)
    .map(([, method, path]) => `${method} ${path}`);
}

describe('the README lists the operations the server serves', () => {
  for (const [heading, ofSection] of [
    [API_SECTION, (path: string) => !path.startsWith(DEVTOOLS_PREFIX)],
    [DEVTOOLS_SECTION, (path: string) => path.startsWith(DEVTOOLS_PREFIX)],
  ] as const) {
    test(`"${heading}": one row per registered route, and no row for a route that does not exist`, async () => {
      const doc = await server().request('GET', '/openapi.json');
      const served = Object.entries(doc.json.paths as Record<string, Record<string, unknown>>)
        .filter(([path]) => ofSection(path))
        .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
      const documented = documentedOperations(heading);
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
  }
});
