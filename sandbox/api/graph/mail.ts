/**
 * Graph `POST /users/{id | userPrincipalName}/sendMail` and `/me/sendMail` (App+User) (learn.microsoft.com/graph/api/user-sendmail):
 * 202 with no body. Nothing is delivered; every accepted message goes to the world's outbox, which
 * `GET /_sandbox/state` shows.
 */
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { isRecord } from '../../util/jwt';
import type { DirectoryUser, SentMail, Tenant } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import type { AccessTokenClaims } from '../tokens';
import { graphRoute, requirePermission } from './route';
import { findUser, signedInUser } from './users';

const MAX_RECIPIENTS = 500;
const MAX_CONTENT_CHARS = 100_000;
const MAX_OUTBOX = 10_000;
const ADDRESS = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,255}$/;

export function registerMailRoutes(router: Router, world: SandboxWorld): void {
  const v1 = '/graph/v1.0';
  router.add('graph', 'POST', `${v1}/users/:userId/sendMail`, graphRoute(world, (request, token, tenant) =>
    sendMail(world, request, token, tenant, findUser(request, tenant, request.params.userId))));
  router.add('graph', 'POST', `${v1}/me/sendMail`, graphRoute(world, (request, token, tenant) =>
    sendMail(world, request, token, tenant, signedInUser(request, token, tenant))));
}

function sendMail(world: SandboxWorld, request: SandboxRequest, token: AccessTokenClaims, tenant: Tenant, sender: DirectoryUser): SandboxResponse {
  requirePermission(request, token, 'Mail.Send');
  const body = request.jsonBody();
  const bad = (message: string) => graphError(request, 400, 'ErrorInvalidRequest', message);
  if (!isRecord(body) || !isRecord(body.message)) throw bad('The request body must contain a message.');
  const message = body.message;
  const to = recipients(message.toRecipients, 'toRecipients', bad);
  const cc = recipients(message.ccRecipients, 'ccRecipients', bad);
  const bcc = recipients(message.bccRecipients, 'bccRecipients', bad);
  if (to.length + cc.length + bcc.length === 0) throw graphError(request, 400, 'ErrorInvalidRecipients', 'At least one recipient is required, but none were found.');
  if (to.length + cc.length + bcc.length > MAX_RECIPIENTS) throw graphError(request, 400, 'ErrorExceededMessageLimit', `A message can have at most ${MAX_RECIPIENTS} recipients.`);
  const subject = message.subject ?? '';
  if (typeof subject !== 'string' || subject.length > 255) throw bad('subject must be a string of at most 255 characters.');
  const { contentType, content } = messageBody(message.body, bad);
  // The docs' own sample sends "false" as a string; Graph accepts both.
  const save = body.saveToSentItems;
  if (save !== undefined && typeof save !== 'boolean' && save !== 'true' && save !== 'false') throw bad('saveToSentItems must be true or false.');

  const sent: SentMail = {
    tenantId: tenant.tenantId,
    from: sender.mail,
    to,
    cc,
    bcc,
    subject,
    contentType,
    content,
    saveToSentItems: save === undefined ? true : save === true || save === 'true',
    at: world.clock.nowIso(),
  };
  const outbox = world.state.outbox;
  outbox.push(sent);
  if (outbox.length > MAX_OUTBOX) outbox.splice(0, outbox.length - MAX_OUTBOX);
  return { status: 202 };
}

function recipients(value: unknown, name: string, bad: (message: string) => Error): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw bad(`${name} must be a list of recipients.`);
  return value.slice(0, MAX_RECIPIENTS + 1).map((entry) => {
    const address = isRecord(entry) && isRecord(entry.emailAddress) ? entry.emailAddress.address : undefined;
    if (typeof address !== 'string' || !ADDRESS.test(address)) throw bad(`Each of ${name} needs emailAddress.address with a valid email address.`);
    return address;
  });
}

function messageBody(value: unknown, bad: (message: string) => Error): { contentType: string; content: string } {
  if (value === undefined || value === null) return { contentType: 'Text', content: '' };
  if (!isRecord(value)) throw bad('message.body must be an itemBody with contentType and content.');
  const type = value.contentType ?? 'Text';
  if (typeof type !== 'string' || !['text', 'html'].includes(type.toLowerCase())) throw bad("message.body.contentType must be 'Text' or 'HTML'.");
  const content = value.content ?? '';
  if (typeof content !== 'string') throw bad('message.body.content must be a string.');
  if (content.length > MAX_CONTENT_CHARS) throw bad(`message.body.content must be at most ${MAX_CONTENT_CHARS} characters.`);
  return { contentType: type.toLowerCase() === 'html' ? 'HTML' : 'Text', content };
}
