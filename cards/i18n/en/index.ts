/**
 * The English catalog, the source every other language translates: one file per area, assembled here. A new area
 * is a new file (keys prefixed with its name) added to EN_AREAS — and to every other language's index.
 */
import { common } from './common';
import { help } from './help';
import { moveView } from './moveView';
import { stages } from './stages';
import { header } from './header';
import { inventory } from './inventory';
import { progress } from './progress';
import { offerChoice } from './offerChoice';
import { provisioning } from './provisioning';
import { reassignment } from './reassignment';
import { scheduled } from './scheduled';
import { working } from './working';
import { cancelled } from './cancelled';
import { cancelConfirm } from './cancelConfirm';
import { done } from './done';
import { blocked } from './blocked';
import { replies } from './replies';
import { files } from './files';
import { email } from './email';
import { dashboard } from './dashboard';
import { planTable } from './planTable';
import { events } from './events';
import { refusals } from './refusals';
import { roles } from './roles';
import { planLines } from './planLines';
import { notices } from './notices';
import { followUps } from './followUps';
import { planAdjust } from './planAdjust';
import { welcome } from './welcome';
import { planDetails } from './planDetails';
import { intake } from './intake';
import { thread } from './thread';
import { plan } from './plan';
import { status } from './status';
import { productNames } from './productNames';

export const EN_AREAS = Object.freeze({ common, help, moveView, stages, header, inventory, progress, offerChoice, provisioning, reassignment, scheduled, working, cancelled, cancelConfirm, done, blocked, replies, planTable, events, refusals, roles, planLines, notices, followUps, planAdjust, files, welcome, planDetails, intake, thread, plan, status, productNames, email, dashboard });

export const en = Object.freeze({ ...common, ...help, ...moveView, ...stages, ...header, ...inventory, ...progress, ...offerChoice, ...provisioning, ...reassignment, ...scheduled, ...working, ...cancelled, ...cancelConfirm, ...done, ...blocked, ...replies, ...planTable, ...events, ...refusals, ...roles, ...planLines, ...notices, ...followUps, ...planAdjust, ...files, ...welcome, ...planDetails, ...intake, ...thread, ...plan, ...status, ...productNames, ...email, ...dashboard });

/** Every message key the bot has. */
export type MessageKey = keyof typeof en;

/** A complete catalog: every key, each an ICU message. */
export type Messages = { readonly [Key in MessageKey]: string };

/** The areas of a complete translation, the same as English's. */
export type TranslatedAreas = { readonly [Area in keyof typeof EN_AREAS]: { readonly [Key in keyof (typeof EN_AREAS)[Area]]: string } };
