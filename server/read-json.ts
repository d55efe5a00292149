import type { Context } from 'hono';
import { jsonError } from './context';

/** The request body as JSON, or a ready 400 answer saying why it is not. */
export async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return {
      ok: false,
      response: jsonError(
        c,
        415,
        'unsupported_media_type',
        'send the body as JSON with "Content-Type: application/json"',
      ),
    };
  }
  const text = await c.req.text();
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: jsonError(c, 400, 'invalid_json', 'the body is not valid JSON') };
  }
}
