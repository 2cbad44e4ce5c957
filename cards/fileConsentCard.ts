/**
 * The FileConsentCard: Teams asks the person whether the bot may put a file in their OneDrive (personal chat only).
 * Not an Adaptive Card: Teams draws it from `description` and `sizeInBytes`, and sends `acceptContext` or
 * `declineContext` back with the `fileConsent/invoke` — here only the opaque id of the pending export, never what to
 * export (the bot looks that up and checks who answers).
 */
import { domainText } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';

export type ExportReport = 'audit' | 'reassignment';

/** What the card says and where the answer goes back. */
export interface FileConsentData {
  report: ExportReport;
  customerDomain: string;
  fileName: string;
  sizeInBytes: number;
  /** Data rows in the file when it was offered (the file is drawn again, complete, when the person accepts). */
  rows: number;
  /** The pending export's id: the only thing the card carries back. */
  exportId: string;
  /** The language of the person it goes to (bot/viewerLocale.ts); English when not given. */
  locale?: Locale;
}

export interface FileConsentAttachment {
  contentType: typeof FILE_CONSENT_CONTENT_TYPE;
  name: string;
  content: { description: string; sizeInBytes: number; acceptContext: { exportId: string }; declineContext: { exportId: string } };
}

export function fileConsentCard(data: FileConsentData): FileConsentAttachment {
  const context = { exportId: data.exportId };
  return {
    contentType: FILE_CONSENT_CONTENT_TYPE,
    name: data.fileName,
    content: {
      description: t(data.locale ?? DEFAULT_LOCALE, `files.consent.${data.report}`, { customer: domainText(data.customerDomain), rows: String(data.rows) }),
      sizeInBytes: data.sizeInBytes,
      acceptContext: context,
      declineContext: { ...context },
    },
  };
}
