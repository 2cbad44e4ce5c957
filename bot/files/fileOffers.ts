/**
 * Offering an export as a file (issue #12): the person asked for a move's audit trail or reassignment report; the
 * bot records a pending export and sends a FileConsentCard to their personal chat — as the reply when they asked
 * there, else proactively, with one line where they asked. Teams bots can send files only in personal chats.
 */
import type { TurnContext } from 'botbuilder';
import { fileConsentCard, type ExportReport } from '../../cards/fileConsentCard';
import type { CardOptions } from '../../cards/moveView';
import type { Actor } from '../../move/model';
import type { MoveOrchestrator } from '../../move/orchestrator';
import type { Logger } from '../../move/ports';
import type { MoveState } from '../../move/state';
import { quoteForChat } from '../../dialogs/commandParser';
import type { UploadSessionClient } from '../../services/files/uploadSession';
import { exportFile } from './exportFiles';
import type { PendingExports } from './pendingExports';
import { isPersonalChat, PersonalChatError, sendToPersonalChat } from './personalChat';
import { t } from '../../cards/i18n/catalog';
import { viewerLocale } from '../viewerLocale';

export interface FileExportDeps {
  orchestrator: MoveOrchestrator;
  pending: PendingExports;
  uploads: UploadSessionClient;
  /** Real time: the file's date and the offer's expiry. */
  now: () => Date;
  cardOptions: CardOptions;
  log: Logger;
}


/** What to tell the person where they asked; null when the consent card itself is the answer (personal chat). */
export type OfferAnswer = string | null;

export class FileOffers {
  constructor(private readonly deps: FileExportDeps) {}

  async offer(turn: TurnContext, actor: Actor, state: MoveState, report: ExportReport): Promise<OfferAnswer> {
    const { locale } = viewerLocale(turn, this.deps.cardOptions.locale);
    const domain = state.customerDomain || state.moveId;
    const customer = quoteForChat(domain);
    const events = await this.deps.orchestrator.history(state.moveId);
    const file = exportFile(report, state.moveId, domain, events, this.deps.cardOptions, this.deps.now());
    if (report === 'reassignment' && file.rows === 0) return t(locale, 'files.offer.noReassignment', { customer });
    const pending = await this.deps.pending.create({
      moveId: state.moveId, customerDomain: domain, report,
      requestedBy: { aadObjectId: actor.id, userId: turn.activity.from.id, name: actor.name },
    });
    const card = fileConsentCard({
      report, customerDomain: domain, fileName: file.fileName, sizeInBytes: file.bytes.byteLength, rows: file.rows, exportId: pending.id, locale,
    });
    const activity = { type: 'message', attachments: [card] };
    if (isPersonalChat(turn)) {
      await turn.sendActivity(activity);
      return null;
    }
    try {
      await sendToPersonalChat(turn, activity);
    } catch (error) {
      if (!(error instanceof PersonalChatError)) throw error;
      await this.deps.pending.take(pending.id);
      this.deps.log.warn({ moveId: state.moveId, report, status: error.status, err: error.message }, 'could not reach the personal chat for a file');
      const command = report === 'audit' ? `audit ${customer}` : `report ${customer}`;
      return t(locale, 'files.offer.personalChatFailed', { why: error.message, command });
    }
    return t(locale, 'files.offer.sentToPersonal');
  }
}
