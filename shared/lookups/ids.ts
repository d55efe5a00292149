/** Lookup rows have fixed ids so the replica (seeded offline) and the server agree without a sync. */
export const lookupId = (group: number, n: number) =>
  `00000000-0000-7000-8000-${(group * 1000 + n).toString().padStart(12, '0')}`;
