import { z } from 'zod';

/**
 * The shape of an inbound Bot Framework activity, as far as this bot (and botbuilder on its behalf)
 * reads it. Checked before authentication and before botbuilder sees the activity, so a malformed request
 * is a 400 with a short reason instead of an exception deep inside a turn. Fields the bot does not read
 * pass through unchecked (Teams adds new ones over time); fields it reads must have the type it expects.
 */

const ACTIVITY_TYPES = [
  'message', 'conversationUpdate', 'invoke', 'installationUpdate', 'messageReaction', 'messageUpdate', 'messageDelete',
  'event', 'typing', 'endOfConversation', 'contactRelationUpdate', 'deleteUserData', 'trace', 'handoff', 'command',
  'commandResult', 'suggestion',
] as const;

const text = (max: number) => z.string().max(max);
const account = z.looseObject({
  id: text(256).min(1),
  name: text(256).optional(),
  aadObjectId: text(128).optional(),
  role: text(32).optional(),
});
const idOnly = z.looseObject({ id: text(256).optional(), name: text(256).optional() }).optional();

const activitySchema = z.looseObject({
  type: z.enum(ACTIVITY_TYPES, { error: `type must be one of ${ACTIVITY_TYPES.join(', ')}` }),
  id: text(256).optional(),
  channelId: text(64).min(1),
  serviceUrl: text(2048).refine((value) => /^https?:\/\/[^\s/?#]+/i.test(value), 'must be an http(s) URL'),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: text(1024).min(1),
    tenantId: text(128).optional(),
    conversationType: text(32).optional(),
    isGroup: z.boolean().optional(),
    name: text(512).optional(),
  }),
  text: text(40_000).optional(),
  textFormat: text(32).optional(),
  locale: text(35).regex(/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/, 'must be a language tag like en-US').optional(),
  localTimezone: text(64).optional(),
  timestamp: text(64).optional(),
  localTimestamp: text(64).optional(),
  name: text(256).optional(),
  replyToId: text(256).optional(),
  channelData: z.looseObject({
    tenant: idOnly,
    channel: idOnly,
    team: idOnly,
    eventType: text(64).optional(),
  }).optional(),
  membersAdded: z.array(account).max(1000).optional(),
  membersRemoved: z.array(account).max(1000).optional(),
  entities: z.array(z.looseObject({ type: text(128).optional() })).max(100).optional(),
  attachments: z.array(z.looseObject({ contentType: text(256).optional() })).max(50).optional(),
});

export type CheckedActivity = z.infer<typeof activitySchema>;

export type ActivityCheck = { ok: true; activity: CheckedActivity } | { ok: false; reason: string };

/** The activity, or the first thing wrong with it in a short sentence (a field path and what it must be). */
export function checkActivity(value: unknown): ActivityCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'The body must be a Bot Framework activity (a JSON object).' };
  }
  const result = activitySchema.safeParse(value);
  if (result.success) return { ok: true, activity: result.data };
  const issue = result.error.issues[0];
  const where = issue.path.map(String).join('.') || 'activity';
  const what = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : describe(issue);
  return { ok: false, reason: `The activity is malformed: ${where.slice(0, 80)} ${what}.` };
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': return `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
    case 'too_big': return issue.origin === 'array' ? `has more than ${issue.maximum} items` : `is longer than ${issue.maximum} characters`;
    case 'too_small': return 'must not be empty';
    case 'invalid_value': return issue.message.startsWith('type must') ? 'is not an activity type this bot knows' : 'has a value that is not allowed';
    default: return issue.message.length <= 60 ? issue.message : 'is not valid';
  }
}
