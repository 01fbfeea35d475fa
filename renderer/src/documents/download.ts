import { apiFetch } from '../api/http.ts';

/** Downloads one exact version's PDF, reporting progress (0–1) as bytes arrive. */
export async function downloadVersion(
  versionId: string,
  token: string,
  onProgress: (fraction: number) => void,
): Promise<Uint8Array> {
  const response = await apiFetch(`/api/document-versions/${versionId}/file`, { token });
  const total = Number(response.headers.get('content-length') ?? 0);
  if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const bytes = new Uint8Array(total);
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes.set(value, received);
    received += value.byteLength;
    onProgress(received / total);
  }
  return bytes;
}
