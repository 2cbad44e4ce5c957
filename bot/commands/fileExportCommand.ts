import type { TurnContext } from 'botbuilder';
import { t } from '../../cards/i18n/catalog';
import type { ExportReport } from '../../cards/fileConsentCard';
import type { Actor } from '../../move/model';
import type { FileOffers } from '../files/fileOffers';
import { viewerLocale } from '../viewerLocale';
import type { CommandDeps } from './commandHandler';
import { noMoveReply } from './customerSuggestions';

/**
 * What `audit` and `report` share: find the customer's latest move (or say which customers come close), then offer
 * the CSV file in the person's personal chat (Teams sends files only there).
 */
export async function offerExport(
  deps: CommandDeps, files: FileOffers,
  { turn, actor, customer }: { turn: TurnContext; actor: Actor; customer: string | null | undefined },
  command: 'audit' | 'report', report: ExportReport,
): Promise<void> {
  const state = customer ? deps.orchestrator.latestMoveFor(customer) : undefined;
  if (!customer || !state) {
    const { locale } = viewerLocale(turn, deps.cardOptions.locale);
    await turn.sendActivity(customer
      ? noMoveReply(deps.orchestrator.all(), command, customer, { running: false, locale })
      : t(locale, 'replies.sayWhichCustomer', { example: `${command} contoso.com` }));
    return;
  }
  const answer = await files.offer(turn, actor, state, report);
  if (answer) await turn.sendActivity(answer);
}
