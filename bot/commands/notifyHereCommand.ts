import { TurnContext, teamsGetChannelId, teamsGetTeamInfo } from 'botbuilder';
import type { Actor } from '../../move/model';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { t } from '../../cards/i18n/catalog';
import { viewerLocale } from '../viewerLocale';

/** `notify here`, said in a team channel: the channel gets a thread per move from now on. */
export class NotifyHereCommand implements CommandHandler<'notify-here'> {
  readonly kind = 'notify-here' as const;
  readonly refusalTitle = 'Notification channel not changed';

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, _command: unknown, actor: Actor): Promise<void> {
    const activity = turn.activity;
    const { locale } = viewerLocale(turn, this.deps.cardOptions.locale);
    const channelId = teamsGetChannelId(activity) ?? (activity.conversation?.conversationType === 'channel' ? activity.conversation.id.split(';')[0] : null);
    if (!channelId) {
      await turn.sendActivity(t(locale, 'replies.notifyHere.notChannel'));
      return;
    }
    const reference = TurnContext.getConversationReference(activity);
    // Keep the channel itself, not the thread of this message, so each move gets a thread of its own.
    reference.conversation = { ...reference.conversation!, id: channelId, conversationType: 'channel', isGroup: true };
    delete reference.activityId;
    await this.deps.registry.setNotificationChannel({
      reference, channelId, teamId: teamsGetTeamInfo(activity)?.id ?? null, chosenBy: actor.name, chosenAt: this.deps.now().toISOString(),
    });
    await turn.sendActivity(t(locale, 'replies.notifyHere.done'));
  }
}
