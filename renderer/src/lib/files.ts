import { downloadPath, UPLOAD_CHUNK_BYTES, type DownloadResult } from '../../../shared/api/files';
import type { AppErrorShape, Result } from '../../../shared/errors';
import { call } from '../api/client';

/** Bytes as base64, a block at a time (String.fromCharCode takes a bounded argument list). */
function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * Sends a picked or dropped file to the main process in chunks through the API (the same
 * command over IPC and HTTP); the main process writes each chunk to a file as it arrives, so
 * neither side holds a large file whole. Reports the bytes sent after each chunk.
 */
export async function uploadFile(
  file: File,
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<Result<{ upload_id: string }>> {
  let uploadId: string | undefined;
  let offset = 0;
  do {
    if (signal?.aborted)
      return { ok: false, error: { code: 'precondition_failed', message: 'the upload was cancelled' } };
    const slice = file.slice(offset, offset + UPLOAD_CHUNK_BYTES);
    const bytes = new Uint8Array(await slice.arrayBuffer());
    const last = offset + bytes.length >= file.size;
    const res = await call('imports.upload', {
      upload_id: uploadId,
      name: file.name,
      offset,
      data: toBase64(bytes),
      last,
    });
    if (!res.ok) return res;
    uploadId = res.value.upload_id;
    offset = res.value.bytes;
    onProgress(offset);
    if (last) break;
  } while (offset < file.size);
  return { ok: true, value: { upload_id: uploadId! } };
}

/** Hands a prepared file to the browser (or Electron's download manager) to save. */
export function saveDownload(d: DownloadResult) {
  const a = document.createElement('a');
  a.href = downloadPath(d.download_id);
  a.download = d.file_name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/** Prepares a file through the API, then saves it; the error, if any, for a toast. */
export async function prepareAndSave(
  prepare: () => Promise<Result<DownloadResult>>,
): Promise<{ ok: true; value: DownloadResult } | { ok: false; error: AppErrorShape }> {
  const res = await prepare();
  if (res.ok) saveDownload(res.value);
  return res;
}
