import assert from 'node:assert/strict';
import { sdkProblems, shownAtFirst, visibleText } from './cardAssertions';

/** The validator must catch the mistakes it exists for, or a green test run means nothing. */
describe('sdkProblems (the card validator used by these tests)', () => {
  it('accepts a correct 1.5 card with Action.Execute and refresh', () => {
    assert.deepEqual(sdkProblems({
      type: 'AdaptiveCard', version: '1.5',
      refresh: { action: { type: 'Action.Execute', verb: 'move.refresh', data: { moveId: 'm', version: 1 } }, userIds: [] },
      body: [{ type: 'TextBlock', text: 'Hello', wrap: true }, { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'x', weight: 'Bolder' }] }],
      actions: [{ type: 'Action.Execute', title: 'Go', verb: 'move.cancel', data: { moveId: 'm', version: 1 } }],
    }), []);
  });

  it('reports unknown types, bad values, typos, missing labels and duplicate ids', () => {
    const problems = sdkProblems({
      type: 'AdaptiveCard', version: '1.5',
      body: [
        { type: 'TextBlok', text: 'x' },
        { type: 'TextBlock', text: 'x', color: 'Purple' },
        { type: 'TextBlock', text: 'x', wrapp: true },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'a', wieght: 'Bolder' }] },
        { type: 'Input.Text', id: 'a', isRequired: true },
        { type: 'Input.Text', id: 'a' },
      ],
      actions: [{ type: 'Action.Submitt', title: 'x' }, { type: 'Action.OpenUrl', title: 'x' }],
    }).join('\n');
    assert.match(problems, /Unknown element type "TextBlok"/);
    assert.match(problems, /Invalid value "Purple"/);
    assert.match(problems, /unknown property "wrapp" on TextBlock/);
    assert.match(problems, /unknown property "wieght" on TextRun/);
    assert.match(problems, /RequiredInputsShouldHaveLabel/);
    assert.match(problems, /DuplicateId/);
    assert.match(problems, /Unknown action type "Action.Submitt"/);
    assert.match(problems, /Property "url" must be set/);
  });

  it('looks inside tables and the cards of ShowCard buttons too', () => {
    const problems = sdkProblems({
      type: 'AdaptiveCard', version: '1.5',
      body: [{ type: 'Table', columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [{ type: 'TextBlock', text: 'x', wrapp: true }] }] }] }],
      actions: [{ type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Number', id: 'n', minn: 1 }] } }],
    }).join('\n');
    assert.match(problems, /unknown property "wrapp" on TextBlock/);
    assert.match(problems, /unknown property "minn" on Input.Number/);
  });
});

describe('shownAtFirst (what a reader sees before pressing anything)', () => {
  it('leaves out hidden elements and the cards of ShowCard buttons, keeping the buttons', () => {
    const card = {
      type: 'AdaptiveCard', version: '1.5',
      body: [{ type: 'TextBlock', text: 'seen' }, { type: 'Container', isVisible: false, items: [{ type: 'TextBlock', text: 'hidden' }] }],
      actions: [{ type: 'Action.ShowCard', title: 'Change', card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'inside' }] } }],
    };
    assert.equal(visibleText(shownAtFirst(card)), 'seen\nChange');
    assert.equal(visibleText(card), 'seen\nhidden\nChange\ninside');
  });
});
