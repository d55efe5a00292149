import { useEffect, useRef, useState } from 'react';
import type { CommandInput } from '../../../shared/api/contract';
import { RESULT_SCHEMAS, type AiResult, type AiTask } from '../../../shared/ai/schemas';
import type { AppErrorShape } from '../../../shared/errors';
import { call } from '../api/client';

export type AiRunInput = CommandInput<'ai.run'>;

/** One answer, tagged by its task so each view gets its own result type. */
export type AiAnswer = { [T in AiTask]: { task: T; result: AiResult<T>; model: string; latency_ms: number } }[AiTask];

export interface AiRequest {
  /** The task that is running, or null. */
  running: AiTask | null;
  /** Whole seconds since the running request started (for the progress text). */
  seconds: number;
  answer: AiAnswer | null;
  error: AppErrorShape | null;
  run(input: AiRunInput): Promise<void>;
  /** Stops the running request; its answer, if it still comes, is not shown. */
  cancel(): void;
  clear(): void;
}

/**
 * Runs `ai.run` and keeps the last answer or error. The answer is checked against the task's
 * schema here too, so every view reads a typed result. A run that finishes after the component
 * is gone is dropped; the stored answer reaches the screens through the change feed either way.
 */
export function useAi(): AiRequest {
  const [running, setRunning] = useState<AiTask | null>(null);
  const [seconds, setSeconds] = useState(0);
  const [answer, setAnswer] = useState<AiAnswer | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const alive = useRef(true);
  /** The request on its way, by the id the main process knows it by. */
  const current = useRef<string | null>(null);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    setSeconds(0);
    const t = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(t);
  }, [running]);

  async function run(input: AiRunInput) {
    const requestId = crypto.randomUUID();
    current.current = requestId;
    setRunning(input.task);
    setError(null);
    setAnswer(null);
    const res = await call('ai.run', { ...input, request_id: requestId });
    if (!alive.current) return;
    if (current.current !== requestId) {
      // Cancelled, but the answer won the race and was stored: the change feed brings it to the screens.
      return;
    }
    current.current = null;
    setRunning(null);
    if (!res.ok) return setError(res.error);
    const parsed = RESULT_SCHEMAS[input.task].safeParse(res.value.result);
    if (!parsed.success)
      return setError({
        code: 'internal',
        message: 'The AI answer had a shape this screen does not understand; nothing was shown.',
      });
    setAnswer({
      task: input.task,
      result: parsed.data,
      model: res.value.model,
      latency_ms: res.value.latency_ms,
    } as AiAnswer);
  }

  function cancel() {
    const requestId = current.current;
    if (!requestId) return;
    current.current = null;
    setRunning(null);
    void call('ai.cancel', { request_id: requestId });
  }

  return { running, seconds, answer, error, run, cancel, clear: () => (setAnswer(null), setError(null)) };
}

export const TASK_LABEL: Record<AiTask, string> = {
  summary: 'Summary',
  'next-action': 'Next action',
  risk: 'Risk',
  retention: 'Retention risk',
  'cross-sell': 'Cross-sell ideas',
  'contact-likelihood': 'Best time to reach',
  draft: 'Draft message',
  sentiment: 'Analysis',
  triage: 'Triage',
};

/** The inline progress text: this is real, long work (a model is writing). */
export function progressText(task: AiTask, seconds: number): string {
  const what: Record<AiTask, string> = {
    summary: 'Summarizing the history',
    'next-action': 'Working out the next step',
    risk: 'Weighing risk and opportunity',
    retention: 'Weighing the renewal',
    'cross-sell': 'Looking for cross-sell ideas',
    'contact-likelihood': 'Estimating when they answer',
    draft: 'Drafting the message',
    sentiment: 'Analyzing the conversation',
    triage: 'Triaging the ticket',
  };
  return `${what[task]}…${seconds >= 2 ? ` ${seconds} s` : ''}`;
}
