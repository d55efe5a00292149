import { AppError, type ErrorCode } from '../errors';

/**
 * Why an AI request failed, so the UI can say what to do (wait, go online, fix settings)
 * instead of showing a stack trace. Every reason has one plain-language message.
 */
export const AI_FAILURES = [
  'not_configured',
  'offline',
  'timeout',
  'rate_limited',
  'server_error',
  'auth',
  'provider_error',
  'malformed',
  'cancelled',
  'opted_out',
  'budget_exceeded',
] as const;
export type AiFailure = (typeof AI_FAILURES)[number];

const CODES: Record<AiFailure, ErrorCode> = {
  not_configured: 'precondition_failed',
  offline: 'unavailable',
  timeout: 'unavailable',
  rate_limited: 'unavailable',
  server_error: 'unavailable',
  auth: 'forbidden',
  provider_error: 'unavailable',
  malformed: 'unavailable',
  cancelled: 'unavailable',
  opted_out: 'precondition_failed',
  budget_exceeded: 'precondition_failed',
};

export class AiError extends AppError {
  constructor(
    readonly reason: AiFailure,
    message: string,
    field?: string,
  ) {
    super(CODES[reason], message, field);
    this.name = 'AiError';
  }
}

export const isAiError = (err: unknown): err is AiError => err instanceof AiError;
