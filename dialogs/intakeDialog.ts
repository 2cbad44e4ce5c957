import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { isValidCustomerIdentifier } from '../move/decider';

export const INTAKE_DIALOG_ID = 'intake';
const CUSTOMER_PROMPT = 'customer';

/**
 * `move` said without a customer: asks which customer, until the answer is a domain or a tenant id,
 * then hands over to the start form.
 */
export class IntakeDialog extends ComponentDialog {
  constructor(private readonly showStartForm: (turn: TurnContext, customer: string) => Promise<void>) {
    super(INTAKE_DIALOG_ID);
    this.addDialog(new TextPrompt(CUSTOMER_PROMPT, async (prompt: PromptValidatorContext<string>) => {
      return prompt.recognized.succeeded && isValidCustomerIdentifier(prompt.recognized.value ?? '');
    }));
    this.addDialog(new WaterfallDialog('intake-steps', [
      this.askCustomer.bind(this),
      this.openForm.bind(this),
    ]));
    this.initialDialogId = 'intake-steps';
  }

  private async askCustomer(step: WaterfallStepContext) {
    return step.prompt(CUSTOMER_PROMPT, {
      prompt: 'Which customer do you want to move? Type the domain of their Microsoft 365 tenant (like contoso.onmicrosoft.com) or its tenant id.',
      retryPrompt: 'That is not a domain or a tenant id. Type something like contoso.onmicrosoft.com, or say `help`.',
    });
  }

  private async openForm(step: WaterfallStepContext) {
    await this.showStartForm(step.context, String(step.result).trim().toLowerCase());
    return step.endDialog();
  }
}
