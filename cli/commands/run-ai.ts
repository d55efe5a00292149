import { z } from 'zod';
import { dbOption, parseOptions } from '../args';
import { aiCommand } from './ai';

const TASKS = [
  'summary',
  'next-action',
  'sentiment',
  'risk',
  'triage',
  'cross-sell',
  'contact-likelihood',
  'draft',
] as const;

/** `ai --db FILE --task T --lead ID | --communication ID | --ticket ID | --policy ID [--model M] [--channel email|sms]`. */
export async function runAi(argv: string[]) {
  const o = parseOptions(
    argv,
    z
      .object({
        db: dbOption,
        task: z.enum(TASKS, { error: `--task must be one of ${TASKS.join(', ')}` }),
        lead: z.string().optional(),
        communication: z.string().optional(),
        ticket: z.string().optional(),
        policy: z.string().optional(),
        model: z.string().optional(),
        channel: z.enum(['email', 'sms']).optional(),
      })
      .refine((v) => Boolean(v.lead ?? v.communication ?? v.ticket ?? v.policy), {
        message: 'give --lead ID, --communication ID, --ticket ID or --policy ID (retention)',
        path: ['lead'],
      }),
  );
  return aiCommand(o);
}
