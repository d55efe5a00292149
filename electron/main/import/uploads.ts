import { mkdirSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { UploadResult, uploadInput } from '../../../shared/api/files';
import { MAX_UPLOAD_BYTES, UPLOAD_EXTENSIONS } from '../../../shared/api/files';
import { AppError } from '../../../shared/errors';
import { uuidv7 } from '../../../shared/ids';

export interface Upload {
  file: string;
  name: string;
  bytes: number;
  complete: boolean;
}

/**
 * The wizard's uploads: a file arrives in chunks and is written to a file under `dir` as it
 * comes (never held whole); an import resumes from its file.
 */
export function createUploads(dir: string) {
  const uploads = new Map<string, Upload>();

  return {
    async write(input: z.output<typeof uploadInput>): Promise<UploadResult> {
      let u: Upload;
      let id = input.upload_id;
      if (!id) {
        if (input.offset !== 0) throw new AppError('invalid_input', 'a new upload starts at offset 0', 'offset');
        id = uuidv7();
        const ext = UPLOAD_EXTENSIONS.find((e) => input.name.toLowerCase().endsWith(e))!;
        mkdirSync(dir, { recursive: true });
        u = { file: path.join(dir, `${id}${ext}`), name: input.name, bytes: 0, complete: false };
        uploads.set(id, u);
      } else {
        const found = uploads.get(id);
        if (!found) throw new AppError('not_found', 'no such upload', 'upload_id');
        if (found.complete) throw new AppError('precondition_failed', 'the upload is already complete', 'upload_id');
        u = found;
      }
      if (input.offset !== u.bytes)
        throw new AppError('invalid_input', `expected the chunk at offset ${u.bytes}, got ${input.offset}`, 'offset');
      const chunk = Buffer.from(input.data, 'base64');
      if (u.bytes + chunk.length > MAX_UPLOAD_BYTES) {
        uploads.delete(id);
        await rm(u.file, { force: true });
        throw new AppError('invalid_input', `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, 'data');
      }
      const fh = await open(u.file, u.bytes === 0 ? 'w' : 'a');
      try {
        await fh.write(chunk);
      } finally {
        await fh.close();
      }
      u.bytes += chunk.length;
      u.complete = input.last;
      return { upload_id: id, bytes: u.bytes };
    },

    /** A complete upload, or a clear error saying why it cannot be read yet. */
    complete(id: string): Upload {
      const u = uploads.get(id);
      if (!u)
        throw new AppError('not_found', 'the file was not uploaded (or the app restarted): pick it again', 'upload_id');
      if (!u.complete) throw new AppError('precondition_failed', 'the file is still uploading', 'upload_id');
      return u;
    },

    /** Forgets every upload of a file (a finished import needs it no more). */
    forgetFile(file: string): void {
      for (const [id, u] of uploads) if (u.file === file) uploads.delete(id);
    },
  };
}
export type Uploads = ReturnType<typeof createUploads>;
