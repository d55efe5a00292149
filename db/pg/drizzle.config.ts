import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // The server-only tables live apart (server-schema.ts imports `users` from schema.ts).
  schema: ['./db/pg/schema.ts', './db/pg/server-schema.ts'],
  out: './db/pg/migrations',
});
