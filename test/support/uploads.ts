/** A plain HTTP PUT of raw bytes, as a browser or curl sends them to an upload URL. */
export function put(url: string, body: Uint8Array | string, contentType = 'application/octet-stream') {
  return fetch(url, {
    method: 'PUT',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers: { 'content-type': contentType },
  });
}
