/** Words every area uses: role names, the date that is not known. ICU MessageFormat; see docs/I18N.md. */
import type { AreaMessages } from '../types';

export const common = {
  'common.date.unknown': 'unknown',

  // Partner Center roles as the bot names them (move/model.ts ROLE_LABELS), alone and inside a sentence.
  'common.role.account-admin': 'Account admin',
  'common.role.admin-agent': 'Admin agent',
  'common.role.sales-agent': 'Sales agent',
  'common.role.billing-agent': 'Billing agent',
  'common.role.helpdesk-agent': 'Helpdesk agent',
  'common.roleInSentence.account-admin': 'an Account admin',
  'common.roleInSentence.admin-agent': 'an Admin agent',
  'common.roleInSentence.sales-agent': 'a Sales agent',
  'common.roleInSentence.billing-agent': 'a Billing agent',
  'common.roleInSentence.helpdesk-agent': 'a Helpdesk agent',
} as const satisfies AreaMessages<'common'>;
