/**
 * `fileConsent/invoke`: the person answered a FileConsentCard (botbuilder's TeamsActivityHandler would call
 * handleTeamsFileConsentAccept/Decline, but always answers 200; this handler answers a forged, unknown, expired or
 * someone else's answer with a 4xx and a short reason, and uploads nothing).
 *
 * Accepted: the export the card's id names must stand, be the asker's own (same Entra object id) and the asker must
 * still hold a Partner Center role; then the file is drawn again from the event store — complete at this moment —
 * and PUT to the upload session Teams gave, and a FileInfoCard follows. Declined: the offer is forgotten. Either way
 * an offer is answered once.
 */
import { MessageFactory, type InvokeResponse, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { fileInfoCard } from '../../cards/fileInfoCard';
import type { Role } from '../../move/model';
import { noRoleRefusal, type ActorResolver } from '../actorResolver';
import { correlationOf } from '../requestCorrelation';
import { exportFile } from './exportFiles';
import type { FileExportDeps } from './fileOffers';
import { FileUploadError } from '../../services/files/uploadSession';
import { PendingExports, type PendingExport } from './pendingExports';
import { t } from '../../cards/i18n/catalog';
import type { Locale } from '../../cards/i18n/locales';

/** What Teams sends (bots-filesv4): the context is ours to check, the upload info Teams' own. */
const consentContract = z.object({
  type: z.literal('fileUpload'),
  action: z.enum(['accept', 'decline']),
  context: z.object({ exportId: z.string().max(100) }),
  uploadInfo: z.object({
    name: z.string().min(1).max(400),
    uploadUrl: z.string().min(1).max(8000),
    contentUrl: z.string().min(1).max(8000),
    uniqueId: z.string().min(1).max(200),
    fileType: z.string().max(40).optional(),
  }).optional(),
});
type ConsentAnswer = z.infer<typeof consentContract>;

export class FileConsentHandler {
  constructor(private readonly deps: FileExportDeps & { actors: ActorResolver; approverRoles: readonly Role[] }) {}

  async handle(turn: TurnContext): Promise<InvokeResponse> {
    // Every answer is to the person who answered the card, in their language.
    const locale = this.deps.actors.localeOf(turn);
    const parsed = consentContract.safeParse(turn.activity.value);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.map(String).join('.') || 'value';
      return refuse(400, 'BadRequest', t(locale, 'files.answer.malformedField', { field: field.slice(0, 60) }));
    }
    const answer = parsed.data;
    if (!PendingExports.isExportId(answer.context.exportId)) return refuse(400, 'BadRequest', t(locale, 'files.answer.malformedNoExport'));
    const lookup = await this.deps.pending.find(answer.context.exportId);
    if (!lookup.found) {
      if (lookup.why === 'expired') return this.refuseInChat(turn, 410, 'Expired', t(locale, 'files.answer.expired', { command: commandFor(lookup.pending) }));
      return this.refuseInChat(turn, 404, 'NotFound', t(locale, 'files.answer.unknown'));
    }
    const pending = lookup.pending;
    const who = await this.deps.actors.resolve(turn, 'partner-user');
    if (!who.ok) return this.refuseInChat(turn, 403, 'Forbidden', who.message);
    if (who.actor.id !== pending.requestedBy.aadObjectId) {
      this.deps.log.warn({ exportId: pending.id, moveId: pending.moveId, askedBy: pending.requestedBy.aadObjectId, answeredBy: who.actor.id }, 'file offer answered by someone else');
      return this.refuseInChat(turn, 403, 'Forbidden', t(locale, 'files.answer.notYours', { command: commandFor(pending) }));
    }
    if (answer.action === 'decline') {
      await this.deps.pending.take(pending.id);
      await turn.sendActivity(t(locale, 'files.answer.declined', { command: commandFor(pending) }));
      return { status: 200 };
    }
    // The role is checked again now: it may have been taken away since the file was offered.
    if (who.actor.roles.length === 0) return this.refuseInChat(turn, 403, 'Forbidden', noRoleRefusal(this.deps.approverRoles, undefined, locale));
    return this.accept(turn, answer, pending, locale);
  }

  private async accept(turn: TurnContext, answer: ConsentAnswer, pending: PendingExport, locale: Locale): Promise<InvokeResponse> {
    const upload = answer.uploadInfo;
    if (!upload) return refuse(400, 'BadRequest', t(locale, 'files.answer.malformedNoUploadInfo'));
    const urlProblem = this.deps.uploads.problemWith(upload.uploadUrl) ?? this.deps.uploads.problemWith(upload.contentUrl);
    if (urlProblem) return this.refuseInChat(turn, 400, 'BadRequest', t(locale, 'files.answer.badUrl', { why: urlProblem }));
    if (!(await this.deps.pending.take(pending.id))) return this.refuseInChat(turn, 404, 'NotFound', t(locale, 'files.answer.unknown'));

    const state = await this.deps.orchestrator.find(pending.moveId);
    if (!state) return this.refuseInChat(turn, 410, 'Gone', t(locale, 'files.answer.moveGone', { customer: pending.customerDomain }));
    const events = await this.deps.orchestrator.history(pending.moveId);
    const file = exportFile(pending.report, pending.moveId, pending.customerDomain, events, this.deps.cardOptions, this.deps.now());
    try {
      const correlationId = correlationOf(turn);
      await this.deps.uploads.upload(upload.uploadUrl, file.bytes, { moveId: pending.moveId, ...(correlationId ? { correlationId } : {}) });
    } catch (error) {
      if (!(error instanceof FileUploadError)) throw error;
      this.deps.log.warn({ exportId: pending.id, moveId: pending.moveId, kind: error.kind, status: error.status, err: error.message }, 'file upload failed');
      await turn.sendActivity(t(locale, 'files.answer.uploadFailed', { name: upload.name.slice(0, 120), why: error.message, command: commandFor(pending) }));
      return { status: 200 };
    }
    const message = MessageFactory.attachment(fileInfoCard({
      contentUrl: upload.contentUrl, name: upload.name, uniqueId: upload.uniqueId, fileType: upload.fileType || 'csv',
    }), t(locale, 'files.answer.uploaded', { report: pending.report, customer: pending.customerDomain, count: file.rows, rows: String(file.rows) }));
    await turn.sendActivity(message);
    this.deps.log.info({ exportId: pending.id, moveId: pending.moveId, report: pending.report, bytes: file.bytes.byteLength }, 'file exported');
    return { status: 200 };
  }

  private async refuseInChat(turn: TurnContext, status: number, code: string, message: string): Promise<InvokeResponse> {
    await turn.sendActivity(message);
    return refuse(status, code, message);
  }
}

function refuse(status: number, code: string, message: string): InvokeResponse {
  return { status, body: { code, message } };
}

function commandFor(pending: PendingExport): string {
  return `${pending.report === 'audit' ? 'audit' : 'report'} ${pending.customerDomain}`;
}
