/** The image types Pricebook accepts, told apart by their first bytes, never by a name or a header. */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** Enough leading bytes to tell every accepted type. */
export const SNIFF_LENGTH = 12;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

export function imageTypeOf(head: Uint8Array): ImageType | undefined {
  const startsWith = (signature: number[], at = 0) => signature.every((byte, i) => head[at + i] === byte);
  if (startsWith(PNG)) return 'image/png';
  if (startsWith(JPEG)) return 'image/jpeg';
  // RIFF <4-byte size> WEBP
  const ascii = (at: number, text: string) =>
    startsWith(
      [...text].map((c) => c.charCodeAt(0)),
      at,
    );
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return undefined;
}
