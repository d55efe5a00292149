import { col } from '../columns';
import { base, defineTable } from '../table';

export const USER_ROLES = ['agent', 'staff', 'manager', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const teams = defineTable('teams', 'agency', {
  ...base,
  name: col.text().required(),
  description: col.text(),
});

/** Agents, office staff, managers and admins. Credentials live only on the server. */
export const users = defineTable(
  'users',
  'agency',
  {
    ...base,
    email: col.text().required().unique(),
    full_name: col.text().required(),
    role: col.oneOf(USER_ROLES).required().default('agent'),
    team_id: col.ref('teams'),
    phone: col.text(),
    title: col.text(),
    is_active: col.bool().required().default(true),
  },
  { indexes: [{ name: 'idx_users_team_id', columns: ['team_id'] }] },
);
