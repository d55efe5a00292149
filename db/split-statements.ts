/** drizzle-kit separates statements with this marker; custom migrations follow the same rule. */
export const splitStatements = (sql: string) =>
  sql
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
