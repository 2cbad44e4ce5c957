import assert from 'node:assert/strict';
import { sdkProblems } from './cardAssertions';

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
});
