/** `help`: the commands with examples, and what the caller's roles allow them to do — in the reader's language. */
import type { Role } from '../move/model';
import { ROLES_THAT_APPROVE, ROLES_THAT_CANCEL_ANY, ROLES_THAT_START } from '../move/policy';
import { CARD_SCHEMA, expandCard, deepFreeze } from './common';
import type { AdaptiveCardJson } from './common';
import { formatList, t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

export interface HelpCardData {
  roles: Role[];
  /** The configured approvers (APPROVER_ROLES); the built-in ones when not given. */
  approverRoles?: readonly Role[];
  /** The reader's language (bot/viewerLocale.ts); English when not given. */
  locale?: Locale;
}

/** The commands the help card lists, in order: the English command and its words' key in the catalog (help.command.<id>.*). */
const HELP_COMMANDS = deepFreeze([
  { id: 'move', command: 'move' },
  { id: 'status', command: 'status' },
  { id: 'list', command: 'list' },
  { id: 'cancel', command: 'cancel' },
  { id: 'retry', command: 'retry' },
  { id: 'override', command: 'override' },
  { id: 'audit', command: 'audit' },
  { id: 'report', command: 'report' },
  { id: 'notify-here', command: 'notify here' },
  { id: 'help', command: 'help' },
] as const);

export interface HelpCommandText {
  /** The English command, as the parser and the manifest know it. */
  readonly command: string;
  /** What to type, in the reader's language (Korean: the Korean command words, then the English command). */
  readonly example: string;
  readonly does: string;
}

/** The commands as the help card lists them in `locale`: what to type, an example, what it does. */
export function helpCommands(locale: Locale): HelpCommandText[] {
  return HELP_COMMANDS.map(({ id, command }) => ({
    command,
    example: t(locale, `help.command.${id}.example`),
    does: t(locale, `help.command.${id}.does`),
  }));
}

/** The commands in English. */
export const COMMANDS: ReadonlyArray<HelpCommandText> = deepFreeze(helpCommands('en'));

interface HelpView {
  title: string;
  howToAsk: string;
  whatYouCanDo: string;
  commands: Array<{ title: string; value: string }>;
  rolesText: string;
  abilities: Array<{ text: string; color: string }>;
}

const ROLE_ORDER: readonly Role[] = deepFreeze(['account-admin', 'admin-agent', 'sales-agent', 'billing-agent', 'helpdesk-agent'] as Role[]);

export function helpView(data: HelpCardData): HelpView {
  const locale = data.locale ?? DEFAULT_LOCALE;
  const roles = ROLE_ORDER.filter((role) => data.roles.includes(role));
  const canStart = roles.some((role) => ROLES_THAT_START.includes(role));
  const approvers = data.approverRoles ?? ROLES_THAT_APPROVE;
  const canApprove = roles.some((role) => approvers.includes(role));
  const canCancelAny = roles.some((role) => ROLES_THAT_CANCEL_ANY.includes(role));
  const roleNames = (list: readonly Role[]) => list.map((role) => t(locale, `common.role.${role}`));
  // Default colour throughout: Teams' Good and Warning text is hard to read on a white card; the words say it.
  const ability = (text: string) => ({ text, color: 'Default' });
  const abilities: HelpView['abilities'] = [
    ability(canStart
      ? t(locale, 'help.canStart')
      : t(locale, 'help.cannotStart', { roles: formatList(locale, roleNames(ROLES_THAT_START), 'or') })),
    ability(canApprove
      ? t(locale, 'help.canApprove')
      : t(locale, 'help.cannotApprove', {
        roles: formatList(locale, approvers.map((role) => t(locale, `common.roleInSentence.${role}`)), 'or'),
        billingAgent: approvers.includes('billing-agent') ? 'yes' : 'no',
      })),
    ability(canCancelAny
      ? t(locale, 'help.canCancelAny')
      : roles.length > 0 ? t(locale, 'help.canCancelOwn') : t(locale, 'help.cannotCancel')),
  ];
  return {
    title: t(locale, 'help.title'),
    howToAsk: t(locale, 'help.howToAsk'),
    whatYouCanDo: t(locale, 'help.whatYouCanDo'),
    commands: helpCommands(locale).map((c) => ({ title: c.example, value: c.does })),
    rolesText: roles.length > 0 ? t(locale, 'help.yourRoles', { roles: formatList(locale, roleNames(roles), 'and') }) : t(locale, 'help.noRole'),
    abilities,
  };
}

const TEMPLATE = deepFreeze({
  type: 'AdaptiveCard',
  $schema: CARD_SCHEMA,
  version: '1.5',
  body: [
    { type: 'TextBlock', text: '${title}', size: 'Medium', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', wrap: true, isSubtle: true, text: '${howToAsk}' },
    { type: 'FactSet', facts: [{ $data: '${commands}', title: '${title}', value: '${value}' }] },
    { type: 'TextBlock', text: '${whatYouCanDo}', weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${rolesText}', wrap: true },
    { type: 'TextBlock', $data: '${abilities}', text: '${text}', color: '${color}', wrap: true, spacing: 'Small' },
  ],
});

export function helpCard(data: HelpCardData): AdaptiveCardJson {
  return expandCard(TEMPLATE, helpView(data));
}
