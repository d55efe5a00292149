/**
 * How often sign-in may be tried, in memory (one gateway process per agency):
 *
 * - per source address and across the whole server, token buckets: password spraying (one
 *   guess at many emails) and the scrypt each attempt costs are bounded whatever the emails;
 * - per email, a delay that grows with each failure past a few free ones (doubling, up to a
 *   cap). A stranger can slow an email down this way, but never lock its owner out: a sign-in
 *   from a known device (one that sends the device token an earlier successful sign-in of
 *   this user answered) skips the email delay, the address and the global buckets, and has a
 *   bucket of its own instead.
 *
 * A success from an unknown device clears the email's failures; one from a known device does
 * not (it says nothing about who made them). Failures older than the longest delay are forgotten.
 */
import { RateLimiter } from './rate-limit';

export interface SignInLimits {
  /** Attempts from one address: burst, then `perSecond`. */
  perAddress: { burst: number; perSecond: number };
  /** Attempts from unknown devices across the server: burst, then `perSecond`. */
  global: { burst: number; perSecond: number };
  /** Attempts from one known device: burst, then `perSecond`. */
  perDevice: { burst: number; perSecond: number };
  /** Failures an email may have with no delay; each one after doubles the wait from `baseDelaySeconds`, up to `maxDelaySeconds`. */
  perEmail: { freeFailures: number; baseDelaySeconds: number; maxDelaySeconds: number };
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAddress: { burst: 20, perSecond: 1 / 3 },
  global: { burst: 60, perSecond: 5 },
  perDevice: { burst: 10, perSecond: 1 / 6 },
  perEmail: { freeFailures: 5, baseDelaySeconds: 2, maxDelaySeconds: 900 },
};

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number; why: string };

export class SignInGuard {
  private readonly addresses: RateLimiter;
  private readonly global: RateLimiter;
  private readonly devices: RateLimiter;
  private readonly failures = new Map<string, { count: number; lastMs: number }>();

  constructor(
    private readonly limits: SignInLimits,
    private readonly now: () => number,
  ) {
    this.addresses = new RateLimiter(limits.perAddress.perSecond, limits.perAddress.burst, now);
    this.global = new RateLimiter(limits.global.perSecond, limits.global.burst, now);
    this.devices = new RateLimiter(limits.perDevice.perSecond, limits.perDevice.burst, now);
  }

  /** Whether this attempt may go on to the password check; takes its tokens if so. */
  admit(email: string, address: string, knownDevice: string | undefined): Verdict {
    if (knownDevice) {
      const d = this.devices.take(knownDevice);
      return d.ok ? d : { ...d, why: 'too many sign-in attempts from this device' };
    }
    const wait = this.emailWaitSeconds(email);
    if (wait > 0) return { ok: false, retryAfterSeconds: wait, why: 'too many failed sign-ins for this email' };
    const a = this.addresses.take(address);
    if (!a.ok) return { ...a, why: 'too many sign-in attempts from this address' };
    const g = this.global.take('*');
    if (!g.ok) return { ...g, why: 'too many sign-in attempts on this server' };
    return { ok: true };
  }

  failed(email: string) {
    const key = email.toLowerCase();
    const f = this.current(key);
    this.failures.set(key, { count: (f?.count ?? 0) + 1, lastMs: this.now() });
    if (this.failures.size > 10_000) this.sweep();
  }

  succeeded(email: string, knownDevice: boolean) {
    if (!knownDevice) this.failures.delete(email.toLowerCase());
  }

  /** The email's failures, unless the last is older than the longest delay. */
  private current(key: string) {
    const f = this.failures.get(key);
    if (f && f.lastMs < this.now() - this.limits.perEmail.maxDelaySeconds * 1000) {
      this.failures.delete(key);
      return undefined;
    }
    return f;
  }

  private delayMs(count: number): number {
    const { freeFailures, baseDelaySeconds, maxDelaySeconds } = this.limits.perEmail;
    if (count < freeFailures) return 0;
    return Math.min(maxDelaySeconds, baseDelaySeconds * 2 ** Math.min(30, count - freeFailures)) * 1000;
  }

  private emailWaitSeconds(email: string): number {
    const f = this.current(email.toLowerCase());
    if (!f) return 0;
    const left = f.lastMs + this.delayMs(f.count) - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Forgets emails whose last failure is older than the longest delay: they would wait for nothing. */
  private sweep() {
    const cutoff = this.now() - this.limits.perEmail.maxDelaySeconds * 1000;
    for (const [k, f] of this.failures) if (f.lastMs < cutoff) this.failures.delete(k);
  }
}
