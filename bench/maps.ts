// Hidden classes made per request, by mix: V8's map log of the built server. See bench/README.md.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { runMain } from './lib/children.ts';
import { MIX_NAMES, MIXES } from './lib/mixes.ts';
import { fmt, listArg, machineLine, numberArg, parseArgs, table } from './lib/report.ts';
import { settle } from './lib/server.ts';
import { makeTarget } from './lib/targets.ts';
import { requireWrk, runWrk } from './lib/wrk.ts';

const TOP = 3;

/**
 * Map events V8 logged from `fromUs` on (microseconds since the log began), by kind and property name. A steady
 * request path makes none: each object it builds reuses a hidden class that earlier requests made.
 */
async function mapEvents(file: string, fromUs: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(file, 'latin1'), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line.startsWith('map,')) continue;
    // map,<kind>,<time>,<from>,<to>,<pc>,<line>,<column>,<reason>,<name>
    const fields = line.split(',');
    if (Number(fields[2]) < fromUs) continue;
    const key = `${fields[1]} ${fields.slice(9).join(',') || '(no name)'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const mixes = listArg(args, 'mixes', MIX_NAMES).map((name) => MIXES[name]);
  const settings = { durationS: numberArg(args, 'duration', 3), connections: 32, threads: 2 };
  requireWrk();
  process.stderr.write(`${machineLine()}\n`);
  const logDir = mkdtempSync(join(tmpdir(), 'pricebook-maps-'));
  const logFile = join(logDir, 'v8.log');
  const target = makeTarget('sqlite', { nodeArgs: ['--log-maps', `--logfile=${logFile}`, '--no-logfile-per-isolate'] });
  const rows: string[][] = [];
  try {
    const { fixture, collections } = await target.prepare(true);
    for (const mix of mixes.filter((m) => collections || !m.needsCollections)) {
      const requests = mix.requests(fixture);
      const server = await target.start();
      const spawnedAt = Date.now() - server.startupMs;
      let fromUs: number;
      let requestCount: number;
      try {
        // The first second builds every class the path needs; what it makes after that, it makes per request.
        await runWrk(server.url, requests, fixture.headers, { ...settings, durationS: 1 });
        await settle(server.port, { path: requests[0]!.path, headers: fixture.headers });
        fromUs = (Date.now() - spawnedAt) * 1000;
        requestCount = (await runWrk(server.url, requests, fixture.headers, settings)).requests;
      } finally {
        // V8 writes the rest of its log as the process exits.
        await server.stop();
      }
      const events = await mapEvents(logFile, fromUs);
      const total = [...events.values()].reduce((sum, n) => sum + n, 0);
      const top = [...events]
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP)
        .map(([key, n]) => `${key} (${fmt(n)})`);
      rows.push([mix.name, fmt(requestCount), fmt((total / requestCount) * 1000, 1), top.join('; ') || '–']);
      process.stderr.write(`${mix.name}: ${fmt(total)} map events over ${fmt(requestCount)} requests\n`);
    }
  } finally {
    await target.dispose();
    rmSync(logDir, { recursive: true, force: true });
  }
  process.stdout.write(
    `${table(['mix', 'requests:', 'map events per 1,000 requests:', 'most frequent (kind, property)'], rows)}\n`,
  );
}

await runMain(main);
