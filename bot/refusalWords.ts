import { refusalText, rolesThatCan } from '../cards/refusalText';
import type { Actor } from '../move/model';
import type { Refusal } from '../move/refusals';
import type { PeopleToAsk } from './peopleToAsk';

/**
 * A refusal as the person refused reads it: why, and — when it is about who may act — whom to ask, by name
 * ("… Ask Adele Vance or Alex Wilber."), never themselves. Without a directory, the roles alone are named.
 */
export async function refusalFor(refusal: Refusal, actor: Actor, people: PeopleToAsk | undefined): Promise<string> {
  const roles = rolesThatCan(refusal);
  if (!roles || !people) return refusalText(refusal);
  const askable = await people.withRoles(roles, [actor.id]);
  return refusalText(refusal, askable.map((person) => person.name));
}
