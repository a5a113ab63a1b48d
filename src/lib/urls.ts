/** Builds the public URLs that responses carry, from the address clients reach this server at. */
export interface Urls {
  image(imageId: string): string;
}

export function urlsFor(publicUrl: string): Urls {
  const base = publicUrl.replace(/\/+$/, '');
  return { image: (imageId) => `${base}/images/${imageId}` };
}
