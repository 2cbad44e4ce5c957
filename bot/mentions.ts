import { MessageFactory, type Activity, type Mention } from 'botbuilder';
import type { PersonToAsk } from './peopleToAsk';

/**
 * A text message that @mentions these people: Teams notifies each of them and draws their name as a mention.
 * A name already in the text becomes the mention; otherwise the mentions are added at the end. People Teams has
 * not shown the bot yet are mentioned by their Entra object id, which Teams accepts in place of the user id.
 */
export function mentionActivity(text: string, people: readonly PersonToAsk[]): Partial<Activity> {
  if (people.length === 0) return MessageFactory.text(text);
  let body = text;
  const missing: string[] = [];
  const entities: Mention[] = [];
  for (const person of people) {
    // The name comes from the directory: angle brackets would break the <at> markup Teams parses.
    const name = person.name.replace(/[<>]/g, '').trim() || person.id;
    const tag = `<at>${name}</at>`;
    if (body.includes(name) && !body.includes(tag)) body = body.replace(name, tag);
    else missing.push(tag);
    entities.push({ type: 'mention', text: tag, mentioned: { id: person.mri ?? person.id, name } } as Mention);
  }
  if (missing.length > 0) body = `${body} ${missing.join(' ')}`;
  return { ...MessageFactory.text(body), entities };
}
