import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

// Every process the harness starts is registered here, so that an error, Ctrl-C or a kill of the harness
// never leaves a server or a load generator running behind it.
const live = new Set<ChildProcess>();
const cleanups = new Set<() => Promise<void>>();

export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

/** Work that must run when the harness stops, whichever way (dropping a benchmark database). */
export function onCleanup(fn: () => Promise<void>): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}

async function runCleanups(): Promise<void> {
  const pending = [...cleanups].map((fn) => fn().catch(() => undefined));
  cleanups.clear();
  await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, 5000))]);
}

let installed = false;

/** Installs the exit handlers once; call at the start of every bench entry point. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping every server the harness started\n`);
      killAll();
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

/** Runs `main`, and on any outcome kills the children and runs the cleanups before exiting. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  installCleanup();
  let code = 0;
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    code = 1;
  }
  killAll();
  await runCleanups();
  process.exit(code);
}
