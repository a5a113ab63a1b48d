import type { Product } from 'dodopayments/resources/products/products';
import { useId, useState } from 'react';
import { type ApiProblem, problemOf } from '../api-errors.ts';
import { ProblemBanner } from '../forms.tsx';
import { useClient } from '../session-context.ts';

/** The presigned flow: ask for an upload URL, PUT the bytes there, attach the image to the product. */
export function ImageUpload({ product, onUploaded }: { product: Product; onUploaded: () => unknown }) {
  const client = useClient();
  const id = useId();
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(file: File) {
    setProblem(null);
    setBusy(true);
    setPreview(URL.createObjectURL(file));
    try {
      const { url, image_id } = await client.products.images.update(product.product_id, { force_update: true });
      const put = await fetch(url, { method: 'PUT', body: file, headers: { 'content-type': file.type } });
      if (!put.ok) {
        const body = (await put.json().catch(() => ({}))) as Partial<ApiProblem>;
        throw Object.assign(new Error(body.message ?? `upload failed with ${put.status}`), { code: body.code });
      }
      if (image_id) await client.products.update(product.product_id, { image_id });
      await onUploaded();
      // Attached: from now on the product's own image, served by Pricebook, is what shows.
      setPreview(null);
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  }

  const shown = preview ?? product.image;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Image</h2>
      {shown ? <img src={shown} alt={product.name ?? 'The product'} className="preview" /> : <p>No image.</p>}
      <label htmlFor={id}>Upload an image</label>
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/webp,image/gif"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      {busy && <p role="status">Uploading…</p>}
      <ProblemBanner problem={problem} />
    </section>
  );
}
