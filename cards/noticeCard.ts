/** A short card for refusals and errors: what happened, and how to fix it. */
import { CARD_SCHEMA, LIMITS, expandCard, oneLine, multiLine, deepFreeze } from './common';
import type { AdaptiveCardJson } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

export type NoticeTone = 'info' | 'warning' | 'error';

export interface NoticeCardData {
  title: string;
  message: string;
  fix?: string;
  tone: NoticeTone;
  /** The reader's language; DEFAULT_LOCALE when not given. `title`, `message` and `fix` come already in it. */
  locale?: Locale;
}

interface NoticeView {
  title: string;
  message: string;
  fix: string;
  hasFix: boolean;
  whatToDo: string;
  style: string;
  color: string;
}

/** The container's style carries the tone; the title stays in the default colour, which reads on every tone's background. */
const TONES: Readonly<Record<NoticeTone, { readonly style: string; readonly color: string }>> = deepFreeze({
  info: { style: 'emphasis', color: 'Default' },
  warning: { style: 'warning', color: 'Default' },
  error: { style: 'attention', color: 'Default' },
});

export function noticeView(data: NoticeCardData): NoticeView {
  const locale = data.locale ?? DEFAULT_LOCALE;
  const tone = TONES[data.tone] ?? TONES.error;
  const fix = multiLine(data.fix, LIMITS.message);
  return {
    title: oneLine(data.title, LIMITS.title) || t(locale, 'notices.untitled'),
    message: multiLine(data.message, LIMITS.message) || t(locale, 'notices.noDetails'),
    fix,
    hasFix: fix !== '',
    whatToDo: t(locale, 'notices.whatToDo'),
    style: tone.style,
    color: tone.color,
  };
}

const TEMPLATE = deepFreeze({
  type: 'AdaptiveCard',
  $schema: CARD_SCHEMA,
  version: '1.5',
  body: [
    {
      type: 'Container',
      style: '${style}',
      items: [
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${title}', weight: 'Bolder', size: 'Medium', color: '${color}' }] },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${message}' }] },
        {
          type: 'RichTextBlock',
          $when: '${hasFix}',
          inlines: [
            { type: 'TextRun', text: '${whatToDo}', weight: 'Bolder' },
            { type: 'TextRun', text: '${fix}' },
          ],
        },
      ],
    },
  ],
});

export function noticeCard(data: NoticeCardData): AdaptiveCardJson {
  return expandCard(TEMPLATE, noticeView(data));
}
