import { parseArgs } from 'node:util';
import * as accounts from '../accounts/service.ts';
import { openBlobStore } from '../blobs/index.ts';
import { readConfig } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import type { Mode } from '../db/schema.ts';
import { resetCatalog } from '../devtools/reset.ts';
import { systemClock } from '../lib/clock.ts';
import {
  CATALOG_COMMANDS,
  CATALOG_USAGE,
  CatalogUsageError,
  NotConfirmed,
  type Output,
  runCatalogCommand,
} from './catalog.ts';
import { tailRequests } from './requests.ts';

const USAGE = `usage: pricebook <command>
  serve                                   the server, as npm start runs it
  reset --business BUSINESS_ID --mode test
  requests [--limit N] [--follow] [--url URL] [--key KEY]
  businesses create --name NAME
  businesses list
  keys create --business BUSINESS_ID --mode test|live [--read-only]
  keys list --business BUSINESS_ID
  keys revoke --key-id KEY_ID
${CATALOG_USAGE}
Uses DATABASE_URL, like the server. Each command prints one JSON object; export, pull, plan and apply
print a readable summary instead unless given --json; requests prints one per request, oldest first, from
the server at --url (PUBLIC_URL, or http://HOST:PORT) with --key (or PRICEBOOK_KEY).`;

class UsageError extends Error {}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required`);
  return value;
}

function mode(value: string | undefined): Mode {
  if (value === 'test' || value === 'live') return value;
  throw new UsageError('--mode must be test or live');
}

async function run(argv: string[]): Promise<unknown | Output> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      business: { type: 'string' },
      mode: { type: 'string' },
      'key-id': { type: 'string' },
      'read-only': { type: 'boolean' },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      key: { type: 'string' },
      prune: { type: 'boolean' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
      url: { type: 'string' },
      limit: { type: 'string' },
      follow: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || command === '') throw new UsageError('');
  const [first = '', file, ...extra] = positionals;
  if (CATALOG_COMMANDS.has(first)) {
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const flags = { ...values, mode: values.mode === undefined ? undefined : mode(values.mode) };
    const output = await runCatalogCommand(first, file, flags);
    return values.json ? { ...output, text: undefined } : output;
  }
  if (command === 'requests') {
    const config = readConfig();
    const key = required(values.key ?? process.env.PRICEBOOK_KEY, '--key');
    const limit = Number(values.limit ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be from 1 to 500');
    await tailRequests({ url: values.url ?? config.publicUrl, key, limit, follow: values.follow ?? false });
    return undefined;
  }

  const database = openDatabase(readConfig().databaseUrl, { max: 1 });
  try {
    await migrate(database);
    switch (command) {
      case 'businesses create':
        return await accounts.createBusiness(database, required(values.name, '--name'));
      case 'businesses list':
        return { businesses: await accounts.listBusinesses(database.db) };
      case 'keys create':
        return await accounts.createApiKey(database.db, required(values.business, '--business'), mode(values.mode), {
          readOnly: values['read-only'] ?? false,
        });
      case 'keys list':
        return { keys: await accounts.listApiKeys(database.db, required(values.business, '--business')) };
      case 'keys revoke':
        return await accounts.revokeApiKey(database.db, required(values['key-id'], '--key-id'));
      case 'reset': {
        // Live mode is never reset: the flag is required so that nobody resets without saying which mode.
        if (values.mode !== 'test') throw new UsageError('--mode test is required: only test mode can be reset');
        const businessId = required(values.business, '--business');
        const blobs = await openBlobStore(readConfig(), systemClock);
        try {
          await resetCatalog(database, blobs, { businessId, mode: 'test' });
        } finally {
          await blobs.close();
        }
        return { business_id: businessId, mode: 'test' };
      }
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } finally {
    await database.close();
  }
}

function isOutput(result: unknown): result is Output {
  return typeof result === 'object' && result !== null && 'json' in result && 'text' in result;
}

const argv = process.argv.slice(2);
try {
  if (argv[0] === 'serve') {
    // The server reads the same environment as `npm start`; it runs until SIGTERM or SIGINT.
    await import('../main.ts');
  } else {
    const result = await run(argv);
    if (isOutput(result)) {
      process.stdout.write(`${result.text ?? JSON.stringify(result.json)}\n`);
      if (result.failed) process.exitCode = 1;
    } else if (result !== undefined) process.stdout.write(`${JSON.stringify(result)}\n`);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof NotConfirmed) {
    process.stderr.write(`${message}\n`);
    process.exitCode = 2;
  } else if (error instanceof UsageError || error instanceof CatalogUsageError) {
    process.stderr.write(`${message ? `${message}\n` : ''}${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    process.exitCode = 1;
  }
}
