import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, SignInUrlResponse, TurnContext } from 'botbuilder';

/** Where the sign-in resource (link + token exchange resource) comes from; the Bot Framework token service by default. */
export type SignInResourceSource = (turn: TurnContext, connectionName: string) => Promise<SignInUrlResponse>;

/** A Teams SSO token is a JWT of a few kB; anything else is not one. */
const MAX_TOKEN_LENGTH = 16_384;

/**
 * Teams single sign-on for card actions (Universal Actions): a click that must act as the staff
 * member either carries their SSO token (`value.authentication.token`), or is answered with a
 * `loginRequest` so Teams signs them in silently and sends the click again with the token.
 * Off when no OAuth connection is configured: the bot then uses the secure-app-model refresh token.
 */
export class SsoGate {
  constructor(
    private readonly connectionName: string | undefined,
    private readonly signInResource: SignInResourceSource = fromTokenService,
  ) {}

  get enabled(): boolean {
    return Boolean(this.connectionName);
  }

  async tokenOrLoginRequest(turn: TurnContext, value: AdaptiveCardInvokeValue | undefined, why: string):
    Promise<{ token: string } | { response: AdaptiveCardInvokeResponse }> {
    const token = value?.authentication?.token;
    if (typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN_LENGTH) return { token };
    const connectionName = this.connectionName!;
    const resource = await this.signInResource(turn, connectionName);
    return {
      response: {
        statusCode: 401,
        type: 'application/vnd.microsoft.activity.loginRequest',
        value: {
          text: `Sign in ${why}.`,
          connectionName,
          tokenExchangeResource: resource.tokenExchangeResource,
          buttons: [{ type: 'signin', title: 'Sign in', text: 'Sign in', value: resource.signInLink }],
        } as unknown as Record<string, unknown>,
      },
    };
  }
}

async function fromTokenService(turn: TurnContext, connectionName: string): Promise<SignInUrlResponse> {
  const key = (turn.adapter as unknown as { UserTokenClientKey?: symbol }).UserTokenClientKey;
  const client = key ? turn.turnState.get(key) as { getSignInResource(c: string, a: unknown, r?: string): Promise<SignInUrlResponse> } | undefined : undefined;
  if (!client) throw new Error('Single sign-on needs the Bot Framework token service: run the bot behind Azure Bot Service with MicrosoftAppId set, or unset SSO_CONNECTION_NAME.');
  return client.getSignInResource(connectionName, turn.activity, undefined);
}
