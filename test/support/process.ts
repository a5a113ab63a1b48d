import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = ['--import', 'tsx'];

/** What runs: the sources through tsx, as the suite does, or the build that `npm start` and the bin run. */
export interface Entry {
  server: string[];
  cli: string[];
}
export const SOURCES: Entry = { server: [...TSX, 'src/main.ts'], cli: [...TSX, 'src/cli/main.ts'] };
export const BUILT: Entry = { server: ['dist/main.js'], cli: ['bin/pricebook.js'] };

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed on stdout so far. */
  output(): string;
  /** SIGTERM (graceful) or SIGKILL, and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs the server as its own process, the way `npm start` does, and waits until /health answers. */
export async function startServerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  entry: Entry = SOURCES,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, entry.server, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  // A hang guard, not a speed check: a busy CI machine has taken 8 s and more to start one server under tsx.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      // A server left running would keep the test run from ever ending.
      child.kill('SIGKILL');
      throw new Error('server did not start within 60 s');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    output: () => stdout,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}

/** Runs the admin CLI once and parses the JSON object it prints; a failure rejects with what it printed. */
export async function runCli(databaseUrl: string, ...args: string[]): Promise<Record<string, unknown>> {
  return runCliOf(SOURCES, databaseUrl, ...args);
}

export async function runCliOf(entry: Entry, databaseUrl: string, ...args: string[]): Promise<Record<string, unknown>> {
  const run = promisify(execFile)(process.execPath, [...entry.cli, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  const { stdout } = await run.catch((error: { code: number; stdout: string; stderr: string }) => {
    throw new Error(`exit ${error.code}: ${error.stdout}${error.stderr}`);
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** The test-mode key the first start prints. */
export function bootstrapKey(output: string): string {
  const key = /test mode: (\S+)/.exec(output)?.[1];
  if (!key) throw new Error(`no key in: ${output}`);
  return key;
}
