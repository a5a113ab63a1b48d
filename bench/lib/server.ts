import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { spawnTracked } from './children.ts';

export interface Probe {
  path: string;
  headers?: Record<string, string>;
}

export interface ServerSpec {
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  port: number;
  /** The request whose first 200 marks the server as up: startup time is spawn to that answer. */
  probe: Probe;
  /** Some servers log every request; their output is dropped rather than kept in memory. */
  keepOutput?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Milliseconds from spawn to the first 200 on the probe. */
  readonly startupMs: number;
  /** CPU time the process had used by then, in milliseconds: the start's cost, whatever else loads the machine. */
  readonly startupCpuMs: number;
  output(): string;
  /** Resident memory now, in MiB, from /proc. */
  rssMb(): number;
  /** CPU time the process has used so far (user + system, all threads), in seconds, from /proc. */
  cpuSeconds(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const STARTUP_LIMIT_MS = 30_000;

export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** One GET on loopback; resolves with the status, or 0 when nothing answers yet. */
export function getStatus(port: number, probe: Probe, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: probe.path, headers: probe.headers, timeout: timeoutMs, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/**
 * Resolves once the server has answered everything queued before this call: a server that answers one
 * request at a time answers this probe after them. Slow queries under 32 connections leave seconds of work.
 */
export async function settle(port: number, probe: Probe): Promise<void> {
  const status = await getStatus(port, probe, 120_000);
  if (status === 0) throw new Error(`the server on ${port} did not answer within 120 s`);
}

export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const started = performance.now();
  const child = spawnTracked(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', spec.keepOutput === false ? 'ignore' : 'pipe', spec.keepOutput === false ? 'ignore' : 'pipe'],
  });
  let text = '';
  const keep = (chunk: Buffer) => {
    // Only the head (bootstrap keys) and the tail (the error that stopped it) are ever useful.
    text = text.length < 64 * 1024 ? text + chunk.toString() : text.slice(0, 32 * 1024) + chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${spec.command} exited (${child.exitCode ?? child.signalCode}) before answering:\n${text}`);
    }
    if ((await getStatus(spec.port, spec.probe, 1000)) === 200) break;
    if (performance.now() - started > STARTUP_LIMIT_MS) {
      child.kill('SIGKILL');
      throw new Error(`${spec.command} did not answer within ${STARTUP_LIMIT_MS} ms:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = performance.now() - started;
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.command} has no pid`);
  const startupCpuMs = cpuSeconds(pid) * 1000;
  return {
    url: `http://127.0.0.1:${spec.port}`,
    port: spec.port,
    pid,
    startupMs,
    startupCpuMs,
    output: () => text,
    rssMb: () => residentMb(pid),
    cpuSeconds: () => cpuSeconds(pid),
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
  };
}

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) / 1024;
}

/** Clock ticks are 1/100 s on Linux (USER_HZ), whatever the kernel's own tick rate. */
const TICKS_PER_SECOND = 100;

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Sends `signal`, and SIGKILL if the process is still there 5 s later. */
async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
