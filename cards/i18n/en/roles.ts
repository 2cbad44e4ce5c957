/** The reader's roles in words (cards/roleText.ts); the role names themselves are in common (common.role.*). */
import type { AreaMessages } from '../types';

export const roles = {
  /** roles: the reader's role names, joined with ", ". */
  'roles.yourRoles': 'Your roles: {roles}',
  'roles.noRole': 'You have no Partner Center role',
} as const satisfies AreaMessages<'roles'>;
