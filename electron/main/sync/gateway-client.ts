import { AppError } from '../../../shared/errors';
import {
  httpError,
  mutationResponse,
  signInResponse,
  whoAmIResponse,
  type MutationEnvelope,
  type SignInResponse,
  type WhoAmIResponse,
} from '../../../shared/sync/protocol';

/** Thrown for answers worth retrying later: the network, a 5xx, a 429. */
export class TransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The agency gateway's HTTP API, with every answer checked before it is believed. */
export class GatewayClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: () => string | undefined,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async post(path: string, body: unknown, timeoutMs = 30_000) {
    return this.request(path, { method: 'POST', body: JSON.stringify(body) }, timeoutMs);
  }

  private async request(path: string, init: { method: string; body?: string }, timeoutMs = 30_000) {
    let res: Response;
    try {
      res = await this.fetchImpl(new URL(path, this.baseUrl), {
        ...init,
        headers: {
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token() ? { authorization: `Bearer ${this.token()}` } : {}),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new TransientError(`the server could not be reached: ${(err as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    if (res.status === 429 || res.status >= 500) {
      const retry = Number(res.headers.get('retry-after'));
      throw new TransientError(
        `the server answered ${res.status}`,
        Number.isFinite(retry) && retry > 0 ? retry * 1000 : undefined,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new TransientError(`the server sent an answer that is not JSON (${res.status})`);
    }
    if (!res.ok) {
      const err = httpError.safeParse(json);
      const code = res.status === 401 ? 'forbidden' : 'invalid_input';
      throw new AppError(code, err.success ? err.data.error.message : `the server refused the request (${res.status})`);
    }
    return json;
  }

  async signIn(email: string, password: string, deviceToken?: string): Promise<SignInResponse> {
    const body = deviceToken ? { email, password, device_token: deviceToken } : { email, password };
    const parsed = signInResponse.safeParse(await this.post('/v1/auth/sign-in', body));
    if (!parsed.success) throw new TransientError('the server sent a sign-in answer this app does not understand');
    return parsed.data;
  }

  /** The signed-in user as the gateway sees them now, with their scope's fingerprint. */
  async whoAmI(): Promise<WhoAmIResponse> {
    const parsed = whoAmIResponse.safeParse(await this.request('/v1/me', { method: 'GET' }));
    if (!parsed.success) throw new TransientError('the server sent a "who am I" answer this app does not understand');
    return parsed.data;
  }

  async pushMutations(mutations: MutationEnvelope[]) {
    const parsed = mutationResponse.safeParse(await this.post('/v1/mutations', { mutations }));
    if (!parsed.success) throw new TransientError('the server sent a mutation answer this app does not understand');
    return parsed.data.results;
  }
}
