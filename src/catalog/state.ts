import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Kind } from './schema.ts';

// Brands, meters, credit entitlements, addons and collections have no metadata to carry a key, so the
// key → id mapping of those lives in `<catalog file>.state.json`, per target and key. Products and
// entitlements carry their key in metadata (`pricebook_key`) and need no state.

type Ids = Partial<Record<Kind, Record<string, string>>>;

interface StateDocument {
  version: 1;
  targets: Record<string, Ids>;
}

export class StateFile {
  private readonly document: StateDocument;

  constructor(
    private readonly path: string | undefined,
    private readonly scope: string,
  ) {
    this.document =
      path && existsSync(path)
        ? (JSON.parse(readFileSync(path, 'utf8')) as StateDocument)
        : { version: 1, targets: {} };
  }

  ids(kind: Kind): Record<string, string> {
    this.document.targets[this.scope] ??= {};
    const target = this.document.targets[this.scope] as Ids;
    target[kind] ??= {};
    return target[kind];
  }

  /** Written at once, by rename, so a process killed right after a create still remembers it. */
  remember(kind: Kind, key: string, id: string): void {
    this.ids(kind)[key] = id;
    if (!this.path) return;
    writeFileSync(`${this.path}.tmp`, `${JSON.stringify(this.document, null, 2)}\n`);
    renameSync(`${this.path}.tmp`, this.path);
  }
}
