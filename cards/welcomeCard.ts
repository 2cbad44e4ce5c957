/** The card the bot sends when it is installed: what it does, its commands, and who may do what — in the reader's language. */
import { CARD_SCHEMA, LIMITS, expandCard, oneLine, deepFreeze } from './common';
import type { AdaptiveCardJson } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

export interface WelcomeCardData {
  userName?: string;
  /** The reader's language; DEFAULT_LOCALE when not given (a welcome posted in a channel is for everyone). */
  locale?: Locale;
}

interface WelcomeView {
  greeting: string;
  whatIDo: string;
  commandsTitle: string;
  commands: Array<{ title: string; value: string }>;
  whoCanDoWhat: string;
  abilities: Array<{ title: string; value: string }>;
  nextStep: string;
}

/** The commands the card lists, by their id in the catalog (welcome.command.<id>.*). */
const WELCOME_COMMANDS = deepFreeze(['move', 'status', 'help', 'notify-here'] as const);

export function welcomeView(data: WelcomeCardData): WelcomeView {
  const locale = data.locale ?? DEFAULT_LOCALE;
  const name = oneLine(data.userName, LIMITS.name);
  return {
    greeting: name ? t(locale, 'welcome.greetingNamed', { name }) : t(locale, 'welcome.greeting'),
    whatIDo: t(locale, 'welcome.whatIDo'),
    commandsTitle: t(locale, 'welcome.commands'),
    commands: WELCOME_COMMANDS.map((id) => ({ title: t(locale, `welcome.command.${id}.title`), value: t(locale, `welcome.command.${id}.does`) })),
    whoCanDoWhat: t(locale, 'welcome.whoCanDoWhat'),
    abilities: [
      { title: t(locale, 'welcome.startMove'), value: t(locale, 'welcome.startMoveWho') },
      { title: t(locale, 'welcome.approvePlan'), value: t(locale, 'welcome.approvePlanWho') },
    ],
    nextStep: t(locale, 'welcome.nextStep'),
  };
}

const TEMPLATE = deepFreeze({
  type: 'AdaptiveCard',
  $schema: CARD_SCHEMA,
  version: '1.5',
  body: [
    {
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: '${greeting}', size: 'Medium', weight: 'Bolder' }],
    },
    { type: 'TextBlock', wrap: true, text: '${whatIDo}' },
    { type: 'TextBlock', text: '${commandsTitle}', weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'FactSet', facts: [{ $data: '${commands}', title: '${title}', value: '${value}' }] },
    { type: 'TextBlock', text: '${whoCanDoWhat}', weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'FactSet', facts: [{ $data: '${abilities}', title: '${title}', value: '${value}' }] },
    { type: 'TextBlock', wrap: true, spacing: 'Medium', text: '${nextStep}' },
  ],
});

export function welcomeCard(data: WelcomeCardData = {}): AdaptiveCardJson {
  return expandCard(TEMPLATE, welcomeView(data));
}
