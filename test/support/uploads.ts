import { png } from './images.ts';

/** A plain HTTP PUT of raw bytes, as a browser or curl sends them to an upload URL. */
export function put(url: string, body: Uint8Array | string, contentType = 'application/octet-stream') {
  return fetch(url, {
    method: 'PUT',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers: { 'content-type': contentType },
  });
}

/** Uploads a small PNG to an image upload URL the server handed out, and returns its image id for PATCH. */
export async function uploadedImage(issued: { url: string; image_id: string }): Promise<string> {
  const response = await put(issued.url, png(), 'image/png');
  if (response.status !== 200) throw new Error(`upload failed with ${response.status}: ${await response.text()}`);
  return issued.image_id;
}
