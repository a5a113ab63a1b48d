import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTracked } from './children.ts';

export interface BenchRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}

export interface LoadSettings {
  connections: number;
  threads: number;
  durationS: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connect, read, write and timeout errors plus answers with a status of 400 or more. */
  errors: number;
}

export function requireWrk(): void {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // wrk prints its usage and exits 1 for --version; only a missing binary throws ENOENT.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('wrk is not installed: apt-get install -y wrk (see bench/README.md)');
    }
  }
}

function luaString(text: string): string {
  if (text.includes(']==]')) throw new Error('request text cannot be quoted for Lua');
  return `[==[${text}]==]`;
}

/**
 * A wrk script that sends `requests` in turn, each thread starting at a different place in the list. The
 * requests are formatted once, in init(), so the generator spends its time on sockets, not on Lua.
 */
export function wrkScript(requests: BenchRequest[], headers: Record<string, string>): string {
  const rows = requests.map((r) => {
    const body = r.body === undefined ? 'nil' : luaString(JSON.stringify(r.body));
    return `{${luaString(r.method)}, ${luaString(r.path)}, ${body}}`;
  });
  const headerRows = Object.entries(headers).map(([name, value]) => `[ ${luaString(name)} ] = ${luaString(value)}`);
  return `
local specs = {
${rows.join(',\n')}
}
local base = { ${headerRows.join(', ')} }
local formatted = {}
local i = 0
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("offset", (counter - 1) * 7919)
end

init = function(args)
  for n, spec in ipairs(specs) do
    local h = {}
    for k, v in pairs(base) do h[k] = v end
    if spec[3] then h["Content-Type"] = "application/json" end
    formatted[n] = wrk.format(spec[1], spec[2], h, spec[3])
  end
  i = (offset or 0) % #formatted
end

request = function()
  i = i + 1
  if i > #formatted then i = 1 end
  return formatted[i]
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
`;
}

/**
 * Runs wrk against `baseUrl` with the script; bounded by `durationS` and a hard kill a little after.
 * Callers wait for the server to drain afterwards (server.ts `settle`): wrk stops at the deadline with up
 * to one request per connection still queued in the server, which the next run would otherwise inherit.
 */
export async function runWrk(
  baseUrl: string,
  requests: BenchRequest[],
  headers: Record<string, string>,
  settings: LoadSettings,
): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pricebook-wrk-'));
  try {
    const script = join(dir, 'mix.lua');
    writeFileSync(script, wrkScript(requests, headers));
    const child = spawnTracked(
      'wrk',
      [
        `-t${settings.threads}`,
        `-c${settings.connections}`,
        `-d${settings.durationS}s`,
        '--timeout',
        '5s',
        '-s',
        script,
        baseUrl,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      out += chunk;
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), (settings.durationS + 15) * 1000);
    const [code] = await once(child, 'exit');
    clearTimeout(guard);
    const line = /^BENCH (\{.*\})$/m.exec(out)?.[1];
    if (code !== 0 || !line) throw new Error(`wrk failed (${code}):\n${out}`);
    const raw = JSON.parse(line) as Record<string, number>;
    const n = (key: string) => raw[key] ?? Number.NaN;
    return {
      requests: n('requests'),
      rps: n('requests') / (n('duration_us') / 1e6),
      p50Ms: n('p50_us') / 1000,
      p99Ms: n('p99_us') / 1000,
      maxMs: n('max_us') / 1000,
      errors: n('errors'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
