// Builds the browser dashboard (dashboard/) into dist/dashboard with Vite. Run by `npm run build` and so at
// install time (`prepare`), never by `npm start`; skipped when the output is newer than every source.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = join(root, 'dist/dashboard');
const output = join(target, 'index.html');
const inputs = [join(root, 'dashboard'), join(root, 'package-lock.json'), fileURLToPath(import.meta.url)];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (existsSync(output) && statSync(output).mtimeMs > Math.max(...inputs.map(newest))) {
  console.log('dashboard: up to date');
} else {
  // Vite is a development dependency: an install without them still gets a working server, and /dashboard
  // answers 503 saying how to build it.
  const vite = await import('vite').catch(() => undefined);
  if (!vite) {
    console.warn('dashboard: not built (vite is not installed; run npm install with dev dependencies)');
    process.exit(0);
  }
  // Built aside and moved in whole, so test files building at once never serve each other's half-written output.
  const aside = `${target}.${process.pid}`;
  await vite.build({ configFile: join(root, 'dashboard/vite.config.ts'), logLevel: 'warn', build: { outDir: aside } });
  rmSync(target, { recursive: true, force: true });
  renameSync(aside, target);
  console.log('dashboard: built into dist/dashboard');
}
