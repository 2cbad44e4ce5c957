/** Files sent to a person's personal chat (`audit`, `report`): the FileConsentCard and the replies around it. CSV headers stay English. */
import type { AreaMessages } from '../types';

export const files = {
  // The FileConsentCard's description (cards/fileConsentCard.ts). {rows} is the number as text.
  'files.consent.audit': 'Audit trail of the move of {customer}: every event, with who did it, their role and the correlation id ({rows} events, CSV).',
  'files.consent.reassignment': 'Licence reassignment report of the move of {customer}: one row per user, with the outcome and what to do ({rows} users, CSV).',

  // Offering the file (bot/files/fileOffers.ts, bot/actions/reportDownload.ts).
  'files.offer.sentToPersonal': "I've sent the file to you in a personal chat.",
  'files.offer.noReassignment': "The move of {customer} has moved no user's licence (yet), so there is no reassignment report. The audit trail has every step: `audit {customer}`.",
  'files.offer.personalChatFailed': 'I could not send you the file in a personal chat ({why}). Open a chat with me and say `{command}` there.',
  'files.offer.sentHere': 'Accept the file below to get the report.',

  // The person's answer to the card (bot/files/fileConsentHandler.ts). {why} is the technical reason, in English.
  'files.answer.malformedField': 'The file answer from Teams is malformed: "{field}" is missing or has the wrong shape. Nothing was uploaded.',
  'files.answer.malformedNoExport': 'The file answer from Teams is malformed: the file context names no export. Nothing was uploaded.',
  'files.answer.malformedNoUploadInfo': 'The file answer from Teams is malformed: "uploadInfo" is missing. Nothing was uploaded.',
  'files.answer.unknown': 'I have no such file waiting for you (it was already answered, or it was never offered here). Nothing was uploaded; ask for the file again.',
  'files.answer.expired': 'That file offer expired (offers stand for an hour). Nothing was uploaded; ask for the file again, e.g. `{command}`.',
  'files.answer.notYours': 'That file was offered to someone else, so I did not upload it. Ask for your own copy, e.g. `{command}`.',
  'files.answer.badUrl': 'Teams gave an upload address I will not send the file to ({why}). Nothing was uploaded.',
  'files.answer.moveGone': 'The move of {customer} no longer exists here, so there is nothing to send. Say `list` to see the moves.',
  'files.answer.declined': 'OK, I did not send the file. Say `{command}` when you want it.',
  'files.answer.uploaded': '{report, select, audit {Here is the audit trail of {customer}: {count, plural, one {{rows} event} other {{rows} events}}.} other {Here is the licence reassignment report of {customer}: {count, plural, one {{rows} user} other {{rows} users}}.}}',
  'files.answer.uploadFailed': 'I could not upload {name}: {why} Nothing else changed; ask for the file again, e.g. `{command}`.',
} as const satisfies AreaMessages<'files'>;
