import { applyCatalogFile } from './apply.ts';
import { describeChangeError } from './change-errors.ts';
import { type LocalSetup, withLocalTarget } from './local.ts';

/** `PRICEBOOK_SEED`: the file applied to the default business's test mode, as `pricebook apply` would. */
export async function seedCatalog(
  file: string,
  setup: LocalSetup,
  businessId: string,
): Promise<{ ok: boolean; message: string }> {
  const report = await withLocalTarget(setup, businessId, 'test', (target) => applyCatalogFile(file, target));
  if (report.errors.length === 0)
    return { ok: true, message: `Seeded test mode from ${file}: ${report.created} objects created.` };
  const errors = report.errors.map(describeChangeError);
  return {
    ok: false,
    message: [
      `Seeding from ${file} failed; finish it with: pricebook apply ${file} --business ${businessId} --mode test`,
      ...errors,
    ].join('\n'),
  };
}
