/**
 * A stand-in agency gateway for browser tests, and signing in to it through Settings → Sync as
 * a person does. It knows one user and one password; with `shapes` it also serves the shape
 * endpoint (fake-shapes.ts), so the replica's sync runs against it; everything else is a 404.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { typeInto } from './harness';
import type { FakeShapes } from './fake-shapes';

export const PASSWORD = 'correct horse battery staple';

/** The one user the stand-in gateway signs in. */
export const DANA = {
  id: '01900000-0000-7000-8000-0000000000aa',
  email: 'dana@agency.test',
  full_name: 'Dana Whitfield',
  role: 'manager',
  team_id: null,
} as const;

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function fakeGateway(options: { shapes?: FakeShapes } = {}) {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/v1/shape?') && options.shapes)
      return options.shapes.handle(req, res);
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method !== 'POST' || req.url !== '/v1/auth/sign-in')
        return json(404, { error: { code: 'not_found', message: 'not here' } });
      const { password } = JSON.parse(raw || '{}') as { password?: string };
      if (password !== PASSWORD)
        return json(401, { error: { code: 'invalid_credentials', message: 'the email or password is wrong' } });
      json(200, { token: 'tok-test', expires_at: new Date(Date.now() + 86_400_000).toISOString(), user: DANA });
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      options.shapes?.close();
      return new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
    },
  };
}

/** Types the server, email and password into the sign-in form of Settings → Sync and clicks Sign in. */
export async function fillSignIn(page: Page, server: string, email: string, password: string) {
  const form = page.getByRole('form', { name: 'Sign in to the agency server' });
  await typeInto(form.getByLabel('Server address'), server);
  await typeInto(form.getByLabel('Email'), email);
  await typeInto(form.getByLabel('Password'), password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  return form;
}
