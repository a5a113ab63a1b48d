/** What a download is called when nothing of its own name survives cleaning. */
const FALLBACK_NAME = 'download';

// Controls, the format marks that reorder or hide text (`\u202e` shows `exe.txt` as `txt.exe`), and lone
// surrogates, on which encodeURIComponent throws.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/**
 * The name a browser should save a file under: the last segment of what the merchant sent, so that no `/`, `\` or
 * `..` can point a save dialog elsewhere, without invisible characters, and without the leading and trailing dots
 * and spaces that hide a file or that Windows drops.
 */
function downloadName(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  return base.replace(INVISIBLE, '').replace(/^[.\s]+|[.\s]+$/g, '') || FALLBACK_NAME;
}

/** RFC 5987's attr-char: encodeURIComponent leaves `'()*` as they are, and those must be encoded too. */
function extValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `Content-Disposition` for a download saved as `fileName` (RFC 6266: an ASCII fallback and the exact UTF-8 name). */
export function attachment(fileName: string): string {
  const name = downloadName(fileName);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${extValue(name)}`;
}
