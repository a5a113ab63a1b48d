import { parseArgs } from 'node:util';
import * as accounts from '../accounts/service.ts';
import { readConfig } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import type { Mode } from '../db/schema.ts';
import {
  CATALOG_COMMANDS,
  CATALOG_USAGE,
  CatalogUsageError,
  NotConfirmed,
  type Output,
  runCatalogCommand,
} from './catalog.ts';

const USAGE = `usage: pricebook <command>
  businesses create --name NAME
  businesses list
  keys create --business BUSINESS_ID --mode test|live [--read-only]
  keys list --business BUSINESS_ID
  keys revoke --key-id KEY_ID
${CATALOG_USAGE}
Uses DATABASE_URL, like the server. Each command prints one JSON object; export, pull, plan and apply
print a readable summary instead unless given --json.`;

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

try {
  const result = await run(process.argv.slice(2));
  if (isOutput(result)) {
    process.stdout.write(`${result.text ?? JSON.stringify(result.json)}\n`);
    if (result.failed) process.exitCode = 1;
  } else process.stdout.write(`${JSON.stringify(result)}\n`);
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
