/**
 * The dashboard (`list`): the moves grouped by stage, each with how long it has waited and on whom and a button to
 * open it; the filters (All, Mine, Waiting on me, Blocked) as buttons that redraw it for the person who pressed
 * them; counts per stage at the top; finished moves behind a toggle. Drawn for one person: the filters are theirs.
 */
import { z } from 'zod';
import { filterNamed, type ListFilter } from '../move/moveListing';
import { expandWithinBudget } from './cardBudget';
import { CARD_SCHEMA, VERBS, clippedText, deepFreeze, moveActionContract, type AdaptiveCardJson } from './common';
import { DASHBOARD_FITS, dashboardView, type DashboardData } from './dashboardView';
import type { CardOptions } from './moveView';

/** Id of the container of finished moves, shown and hidden by its toggle. */
const FINISHED_ID = 'finishedMoves';

/** One move: customer and, under it, how long and on whom it waits; its badge (finished moves only); Open. */
function moveRow(withBadge: boolean): object {
  return {
    type: 'ColumnSet',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        items: [
          { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${customer}', weight: 'Bolder' }] },
          { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${detail}', size: 'Small', isSubtle: true }] },
        ],
      },
      ...(withBadge
        ? [{
          type: 'Column', width: 'auto', style: '${stageStyle}', verticalContentAlignment: 'Center',
          items: [{ type: 'TextBlock', text: '${stage}', size: 'Small', weight: 'Bolder' }],
        }]
        : []),
      {
        type: 'Column',
        width: 'auto',
        items: [{
          type: 'ActionSet',
          actions: [{ type: 'Action.Execute', title: '${open}', verb: VERBS.openMove, data: { moveId: '${moveId}' } }],
        }],
      },
    ],
  };
}

const TEMPLATE = deepFreeze({
  type: 'AdaptiveCard',
  $schema: CARD_SCHEMA,
  version: '1.5',
  msteams: { width: 'Full' },
  // "Refresh card" in the card's menu redraws the dashboard under the same filter, for whoever asks.
  refresh: { action: { type: 'Action.Execute', verb: VERBS.filterList, data: { filter: '${filter}' } }, userIds: [] },
  body: [
    { type: 'TextBlock', text: '${title}', size: 'Medium', weight: 'Bolder', wrap: true },
    {
      type: 'ActionSet',
      actions: [{ $data: '${filters}', type: 'Action.Execute', title: '${title}', verb: VERBS.filterList, style: '${style}', data: { filter: '${filter}' } }],
    },
    { type: 'TextBlock', $when: '${hasWaitingHint}', text: '${waitingHint}', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', $when: '${isEmpty}', text: '${empty}', wrap: true },
    { type: 'TextBlock', $when: '${!isEmpty}', text: '${summary}', isSubtle: true, wrap: true, spacing: 'Small' },
    { type: 'FactSet', $when: '${!isEmpty}', spacing: 'Small', facts: [{ $data: '${counts}', title: '${title}', value: '${value}' }] },
    {
      type: 'Container',
      $data: '${groups}',
      spacing: 'Medium',
      separator: true,
      items: [
        {
          type: 'ColumnSet',
          columns: [
            { type: 'Column', width: 'auto', style: '${stageStyle}', items: [{ type: 'TextBlock', text: '${stage}', size: 'Small', weight: 'Bolder' }] },
            { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: '${count}', size: 'Small', isSubtle: true }] },
          ],
        },
        { $data: '${rows}', ...moveRow(false) },
      ],
    },
    { type: 'TextBlock', $when: '${hasMore}', text: '${more}', weight: 'Bolder', wrap: true, spacing: 'Medium' },
    {
      type: 'ActionSet',
      $when: '${hasFinished}',
      spacing: 'Medium',
      actions: [{ type: 'Action.ToggleVisibility', title: '${showFinished}', targetElements: [FINISHED_ID] }],
    },
    {
      type: 'Container',
      $when: '${hasFinished}',
      id: FINISHED_ID,
      isVisible: false,
      items: [
        { $data: '${finished}', ...moveRow(true) },
        { type: 'TextBlock', $when: '${hasMoreFinished}', text: '${moreFinished}', isSubtle: true, wrap: true },
      ],
    },
  ],
});

/** The dashboard for one person, with as many moves as fit in one Teams message (with long names, fewer). */
export function dashboardCard(data: DashboardData, options: CardOptions): AdaptiveCardJson {
  return expandWithinBudget(TEMPLATE, DASHBOARD_FITS, (fit) => dashboardView(data, options, fit));
}

/** `move.list.filter` (the filter buttons, and the card's refresh): the filter; one the bot does not know shows all. */
export const filterListContract = z.looseObject({
  filter: clippedText(40).transform((value): ListFilter => filterNamed(value) ?? 'all'),
});
export type FilterListAction = z.infer<typeof filterListContract>;

/** `move.open` (each move's Open button): the move; it opens as it is now, so a version, if sent, does not matter. */
export const openMoveContract = moveActionContract;
export type OpenMoveAction = z.infer<typeof openMoveContract>;
