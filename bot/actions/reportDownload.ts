import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS } from '../../cards/common';
import { downloadReportContract, type DownloadReportData } from '../../cards/reassignmentCard';
import type { FileOffers } from '../files/fileOffers';
import { messageResponse } from '../invokeResponses';
import { t } from '../../cards/i18n/catalog';
import { viewerLocale } from '../viewerLocale';
import { clickedMove, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';


/**
 * `move.report.download`: the licence reassignment report as a CSV file, offered with a FileConsentCard in the
 * clicker's personal chat. Reads the move only, so a card drawn from an older version still gets today's report.
 */
export class ReportDownloadAction implements ActionHandler<DownloadReportData> {
  readonly verb = VERBS.downloadReport;
  readonly contract = downloadReportContract;

  constructor(private readonly deps: ActionDeps, private readonly files: FileOffers) {}

  async handle({ turn, actor, data }: ActionContext<DownloadReportData>): Promise<AdaptiveCardInvokeResponse> {
    const clicked = await clickedMove(this.deps, data.moveId, turn);
    if ('answer' in clicked) return clicked.answer;
    const answer = await this.files.offer(turn, actor, clicked.state, 'reassignment');
    // The consent card went to the chat they clicked in: say where it is, in their language.
    return messageResponse(answer ?? t(viewerLocale(turn, this.deps.cardOptions.locale).locale, 'files.offer.sentHere'));
  }
}
