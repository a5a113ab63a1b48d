// Builds what `npm start`, the `pricebook` command and `pricebook/testing` run: the server, the admin CLI and the
// embedding API for tests bundled by esbuild into
// dist/, with the code they share in common chunks. One bundle instead of some 120 compiled files and the
// packages' own thousands halves the time from start to first answer (bench/RESULTS.md): Node's module loader
// resolving, reading and linking files was most of a start. Type checking stays with `npm run typecheck`.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Built beside dist/ and swapped in at the end, so that a process running or loading dist/ meanwhile (a test,
// a server) never sees it half-written; two builds at once each swap in a whole build.
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const staging = `${dist}.${process.pid}`;
await build({
  // The checkpoint worker is a thread's own module, which src/db/checkpoints.ts finds at dist/db/.
  entryPoints: ['src/main.ts', 'src/cli/main.ts', 'src/testing.ts', 'src/db/checkpoint-worker.ts'],
  outdir: staging,
  bundle: true,
  // The S3 client is imported only when S3 is configured; splitting keeps it in a chunk of its own.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // A native addon: loaded from node_modules at run time, as pg is (src/db/database.ts). Swagger UI serves its
  // page's files from its own package folder, which it finds next to its code.
  external: ['better-sqlite3', '@fastify/swagger-ui'],
  sourcemap: 'linked',
  // Less text for V8 to parse on every start (2.3 MB → 1.5 MB); names are kept, so stack traces still read, and
  // lines stay short, since Node prints the line an uncaught error was thrown from.
  minifyWhitespace: true,
  minifySyntax: true,
  lineLimit: 120,
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as pricebookRequire } from 'node:module'; const require = pricebookRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// The dashboard has its own build (scripts/build-dashboard.js), run once at install time: it moves across.
const dashboard = join(dist, 'dashboard');
if (existsSync(dashboard)) renameSync(dashboard, join(staging, 'dashboard'));
rmSync(dist, { recursive: true, force: true });
renameSync(staging, dist);
