/**
 * The FileConsentCard: Teams asks the person whether the bot may put a file in their OneDrive (personal chat only).
 * Not an Adaptive Card: Teams draws it from `description` and `sizeInBytes`, and sends `acceptContext` or
 * `declineContext` back with the `fileConsent/invoke` — here only the opaque id of the pending export, never what to
 * export (the bot looks that up and checks who answers).
 */
import { domainText } from './common';
import { fill } from './messages';

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';

export type ExportReport = 'audit' | 'reassignment';

const TEXT = Object.freeze({
  audit: 'Audit trail of the move of {customer}: every event, with who did it, their role and the correlation id ({rows} events, CSV).',
  reassignment: 'Licence reassignment report of the move of {customer}: one row per user, with the outcome and what to do ({rows} users, CSV).',
});

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
      description: fill(TEXT[data.report], { customer: domainText(data.customerDomain), rows: data.rows }),
      sizeInBytes: data.sizeInBytes,
      acceptContext: context,
      declineContext: { ...context },
    },
  };
}
