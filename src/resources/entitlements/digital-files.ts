import { pickFiles, type ResolvedFiles } from '../media/service.ts';

/** What a `digital_files` entitlement stores: the ids of uploaded files, never their download URLs. */
export interface StoredDigitalFiles {
  /** Added by `POST /entitlements/{id}/files`, or named in a config. */
  digital_file_ids: string[];
  legacy_file_ids: string[] | null;
  external_url: string | null;
  instructions: string | null;
}

/** The config's files in the order shown: its own, then legacy ones. Each is there once, as checked on write. */
export function fileIdsOf(stored: StoredDigitalFiles): string[] {
  return [...stored.digital_file_ids, ...(stored.legacy_file_ids ?? [])];
}

export function withFile(stored: StoredDigitalFiles, fileId: string): StoredDigitalFiles {
  return { ...stored, digital_file_ids: [...stored.digital_file_ids, fileId] };
}

/** Detaches `fileId` from whichever list holds it. */
export function withoutFile(stored: StoredDigitalFiles, fileId: string): StoredDigitalFiles {
  return {
    ...stored,
    digital_file_ids: stored.digital_file_ids.filter((id) => id !== fileId),
    legacy_file_ids: stored.legacy_file_ids?.filter((id) => id !== fileId) ?? null,
  };
}

/** What reads show: each file with its download URL (`ResolvedDigitalFiles`). */
export function toResolvedDigitalFiles(stored: StoredDigitalFiles, files: ResolvedFiles) {
  return {
    digital_files: {
      files: pickFiles(fileIdsOf(stored), files),
      external_url: stored.external_url,
      instructions: stored.instructions,
    },
  };
}
