import { z } from 'zod';
import { RESULT_SCHEMAS, type AiTask } from './schemas';

/**
 * The JSON schema each task's answer must follow, sent as OpenAI structured outputs
 * (`response_format: json_schema`, strict). Derived from the zod schema the answer is checked
 * against afterwards, so the two cannot drift. Strict mode accepts only a subset of JSON
 * schema (every property required, no extra properties, no defaults, few keywords), so the
 * generated schema is trimmed to that subset; zod still enforces the rest (string lengths,
 * trimming) when the answer comes back.
 */
export interface JsonSchemaFormat {
  name: string;
  schema: Record<string, unknown>;
  strict: true;
}

/** Keywords strict structured outputs accept; anything else zod checks after the answer. */
const KEPT = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  'description',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
]);

function strictSubset(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictSubset);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEPT.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, strictSubset(v)]),
      );
    } else out[key] = strictSubset(value);
  }
  if (out.type === 'object') {
    // Strict mode: every property listed as required (optional ones are nullable instead).
    out.required = Object.keys((out.properties as Record<string, unknown> | undefined) ?? {});
    out.additionalProperties = false;
  }
  return out;
}

const cache = new Map<AiTask, JsonSchemaFormat>();

export function responseSchema(task: AiTask): JsonSchemaFormat {
  let format = cache.get(task);
  if (!format) {
    const full = z.toJSONSchema(RESULT_SCHEMAS[task], { io: 'output' });
    format = {
      name: `fieldline_${task.replace(/[^a-z]/g, '_')}`,
      schema: strictSubset(full) as Record<string, unknown>,
      strict: true,
    };
    cache.set(task, format);
  }
  return format;
}
