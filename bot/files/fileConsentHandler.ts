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

export const CONSENT_TEXT = Object.freeze({
  malformed: 'The file answer from Teams is malformed: {field}. Nothing was uploaded.',
  unknown: 'I have no such file waiting for you (it was already answered, or it was never offered here). Nothing was uploaded; ask for the file again.',
  expired: 'That file offer expired (offers stand for an hour). Nothing was uploaded; ask for the file again, e.g. `{command}`.',
  notYours: 'That file was offered to someone else, so I did not upload it. Ask for your own copy, e.g. `{command}`.',
  badUrl: 'Teams gave an upload address I will not send the file to ({why}). Nothing was uploaded.',
  moveGone: 'The move of {customer} no longer exists here, so there is nothing to send. Say `list` to see the moves.',
  declined: 'OK, I did not send the file. Say `{command}` when you want it.',
  uploaded: 'Here is {what} of {customer}: {rows}.',
  uploadFailed: 'I could not upload {name}: {why} Nothing else changed; ask for the file again, e.g. `{command}`.',
});

const WHAT = Object.freeze({ audit: 'the audit trail', reassignment: 'the licence reassignment report' });
const ROWS = Object.freeze({ audit: ['{n} event', '{n} events'], reassignment: ['{n} user', '{n} users'] });

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
    const parsed = consentContract.safeParse(turn.activity.value);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.map(String).join('.') || 'value';
      return refuse(400, 'BadRequest', CONSENT_TEXT.malformed.replace('{field}', `"${field.slice(0, 60)}" is missing or has the wrong shape`));
    }
    const answer = parsed.data;
    if (!PendingExports.isExportId(answer.context.exportId)) return refuse(400, 'BadRequest', CONSENT_TEXT.malformed.replace('{field}', 'the file context names no export'));
    const lookup = await this.deps.pending.find(answer.context.exportId);
    if (!lookup.found) {
      if (lookup.why === 'expired') return this.refuseInChat(turn, 410, 'Expired', CONSENT_TEXT.expired.replace('{command}', commandFor(lookup.pending)));
      return this.refuseInChat(turn, 404, 'NotFound', CONSENT_TEXT.unknown);
    }
    const pending = lookup.pending;
    const who = await this.deps.actors.resolve(turn, 'partner-user');
    if (!who.ok) return this.refuseInChat(turn, 403, 'Forbidden', who.message);
    if (who.actor.id !== pending.requestedBy.aadObjectId) {
      this.deps.log.warn({ exportId: pending.id, moveId: pending.moveId, askedBy: pending.requestedBy.aadObjectId, answeredBy: who.actor.id }, 'file offer answered by someone else');
      return this.refuseInChat(turn, 403, 'Forbidden', CONSENT_TEXT.notYours.replace('{command}', commandFor(pending)));
    }
    if (answer.action === 'decline') {
      await this.deps.pending.take(pending.id);
      await turn.sendActivity(CONSENT_TEXT.declined.replace('{command}', commandFor(pending)));
      return { status: 200 };
    }
    // The role is checked again now: it may have been taken away since the file was offered.
    if (who.actor.roles.length === 0) return this.refuseInChat(turn, 403, 'Forbidden', noRoleRefusal(this.deps.approverRoles));
    return this.accept(turn, answer, pending);
  }

  private async accept(turn: TurnContext, answer: ConsentAnswer, pending: PendingExport): Promise<InvokeResponse> {
    const upload = answer.uploadInfo;
    if (!upload) return refuse(400, 'BadRequest', CONSENT_TEXT.malformed.replace('{field}', '"uploadInfo" is missing'));
    const urlProblem = this.deps.uploads.problemWith(upload.uploadUrl) ?? this.deps.uploads.problemWith(upload.contentUrl);
    if (urlProblem) return this.refuseInChat(turn, 400, 'BadRequest', CONSENT_TEXT.badUrl.replace('{why}', urlProblem));
    if (!(await this.deps.pending.take(pending.id))) return this.refuseInChat(turn, 404, 'NotFound', CONSENT_TEXT.unknown);

    const state = await this.deps.orchestrator.find(pending.moveId);
    if (!state) return this.refuseInChat(turn, 410, 'Gone', CONSENT_TEXT.moveGone.replace('{customer}', pending.customerDomain));
    const events = await this.deps.orchestrator.history(pending.moveId);
    const file = exportFile(pending.report, pending.moveId, pending.customerDomain, events, this.deps.cardOptions, this.deps.now());
    try {
      const correlationId = correlationOf(turn);
      await this.deps.uploads.upload(upload.uploadUrl, file.bytes, { moveId: pending.moveId, ...(correlationId ? { correlationId } : {}) });
    } catch (error) {
      if (!(error instanceof FileUploadError)) throw error;
      this.deps.log.warn({ exportId: pending.id, moveId: pending.moveId, kind: error.kind, status: error.status, err: error.message }, 'file upload failed');
      await turn.sendActivity(CONSENT_TEXT.uploadFailed.replace('{name}', upload.name.slice(0, 120)).replace('{why}', error.message).replace('{command}', commandFor(pending)));
      return { status: 200 };
    }
    const [one, many] = ROWS[pending.report];
    const rows = (file.rows === 1 ? one : many).replace('{n}', String(file.rows));
    const message = MessageFactory.attachment(fileInfoCard({
      contentUrl: upload.contentUrl, name: upload.name, uniqueId: upload.uniqueId, fileType: upload.fileType || 'csv',
    }), CONSENT_TEXT.uploaded.replace('{what}', WHAT[pending.report]).replace('{customer}', pending.customerDomain).replace('{rows}', rows));
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
