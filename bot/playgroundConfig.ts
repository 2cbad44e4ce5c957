import { SANDBOX_STAFF } from '../sandbox/world/constants';

/**
 * The Agents Playground signs in as one user, fixed by its config file. To play each of the sandbox
 * partner's staff in turn, we write that file with the chosen person as `currentUser` and the other
 * five as `users` (the Playground requires exactly five). Chat, team and channel ids stay the same for
 * everyone, and each person keeps their own personal chat id, so proactive posts still land after a
 * switch.
 */
export const PLAYGROUND_USERS = ['alex', 'megan', 'adele', 'isaiah', 'patti', 'lynne'] as const;
export type PlaygroundUser = (typeof PLAYGROUND_USERS)[number];

export function isPlaygroundUser(value: string): value is PlaygroundUser {
  return (PLAYGROUND_USERS as readonly string[]).includes(value);
}

export function playgroundConfigYaml(current: PlaygroundUser, tenantId: string): string {
  const staff = SANDBOX_STAFF.map((member, index) => ({ key: PLAYGROUND_USERS[index], member }));
  const fields = ({ key, member }: (typeof staff)[number]) => [
    `id: user-id-${key}`, `name: ${member.displayName}`, `userPrincipleName: ${member.userPrincipalName}`,
    `aadObjectId: ${member.id}`, `givenName: ${member.givenName}`, `surname: ${member.surname}`, `email: ${member.userPrincipalName}`,
  ];
  const me = staff.find((s) => s.key === current)!;
  const others = staff.filter((s) => s.key !== current);
  return [
    'version: "0.1.1"',
    `tenantId: ${tenantId}`,
    'bot:',
    '  id: 00000000-0000-0000-0000-00000000000011',
    '  name: CSP Move Assistant',
    'currentUser:',
    ...fields(me).map((line) => `  ${line}`),
    'users:',
    ...others.flatMap((other) => fields(other).map((line, i) => `${i === 0 ? '  - ' : '    '}${line}`)),
    'personalChat:',
    `  id: personal-chat-${current}`,
    'groupChat:',
    '  id: group-chat-id',
    '  name: Group Chat',
    'team:',
    '  id: team-id',
    '  name: Relecloud CSP team',
    '  aadGroupId: 00000000-0000-0000-0000-000000000031',
    '  channels:',
    '    - id: channel-announcements-id',
    '      name: Announcements',
    '',
  ].join('\n');
}
