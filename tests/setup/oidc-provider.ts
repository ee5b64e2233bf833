// A real OpenID Connect provider (panva's oidc-provider, certified) on loopback, for the single
// sign-on tests and `npm run sso:example-provider`. Anyone can sign in on its login page (its
// `devInteractions` form) with a login named in `accounts`, or any other login (a verified
// `<login>@example.test`); consent is given automatically.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import Provider, { type Configuration } from 'oidc-provider'

export type ExampleAccount = {
  email: string
  email_verified: boolean
  name: string
  groups?: string[]
}

export type OidcProviderOptions = {
  port?: number
  /** Where Ideabox runs: its callback and post-logout addresses are registered from it. */
  appUrls: string[]
  clientId?: string
  clientSecret?: string
  accounts?: Record<string, ExampleAccount>
}

export const exampleAccounts: Record<string, ExampleAccount> = {
  ada: {
    email: 'ada@example.test',
    email_verified: true,
    name: 'Ada Lovelace',
    groups: ['customers'],
  },
  grace: {
    email: 'grace@example.test',
    email_verified: true,
    name: 'Grace Hopper',
    groups: ['ideabox-admins'],
  },
  unverified: { email: 'unverified@example.test', email_verified: false, name: 'Una Verified' },
}

/** A login the provider was not given: `<login>@example.test`, verified, named after the login. */
function accountForUnknownLogin(login: string): ExampleAccount {
  const local =
    login
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, '')
      .slice(0, 60) || 'someone'
  const words = local.split(/[._-]+/).filter(Boolean)
  const name = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ')
  return {
    email: `${local}@example.test`,
    email_verified: true,
    name: name.length >= 2 ? name : `User ${local}`,
  }
}

export async function startOidcProvider({
  port = 0,
  appUrls,
  clientId = 'ideabox',
  clientSecret = 'ideabox-example-secret',
  accounts = { ...exampleAccounts },
}: OidcProviderOptions) {
  let audienceOverride: string | null = null
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: appUrls.flatMap((url) =>
          ['example', 'staff', 'customers', 'plain'].map((id) => `${url}/auth/sso/${id}/callback`),
        ),
        post_logout_redirect_uris: appUrls.map((url) => `${url}/`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    // The ID token carries the claims itself (no userinfo call needed for email and groups).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    // Any login works, as the printout says: one it does not know gets a verified address made from it.
    findAccount: (_ctx, id) => {
      const account = accounts[id] ?? accountForUnknownLogin(id)
      return { accountId: id, claims: () => ({ sub: id, ...account }) }
    },
    // Consent is taken as given: a company's own provider does not ask its people again.
    loadExistingGrant: async (ctx) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
    cookies: { keys: ['example-provider-cookie-key-not-a-secret'] },
  }
  // The issuer is known only once the port is: listen first, then build the provider for it.
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null
  const server: Server = createServer((req, res) => handler?.(req, res))
  await new Promise<void>((resolve, reject) =>
    server.once('error', reject).listen(port, '127.0.0.1', () => resolve()),
  )
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, configuration)
  // Tests only: ID tokens made out to another client, as if meant for another site.
  const IdToken = provider.IdToken as unknown as {
    prototype: { issue: (this: { client: object }, options: { use?: string }) => Promise<string> }
  }
  const issue = IdToken.prototype.issue
  IdToken.prototype.issue = function (options) {
    if (audienceOverride && options?.use === 'idtoken')
      this.client = Object.create(this.client, { clientId: { value: audienceOverride } })
    return issue.call(this, options)
  }
  handler = provider.callback()
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    /** From now on, ID tokens name `audience` instead of this client (null: back to normal). */
    issueIdTokensFor(audience: string | null) {
      audienceOverride = audience
    },
    close: () =>
      new Promise<void>((resolve) => server.close(() => resolve()) && server.closeAllConnections()),
  }
}

export type RunningOidcProvider = Awaited<ReturnType<typeof startOidcProvider>>

/**
 * A browser's trip through the provider without a browser: follows its redirects with cookies,
 * signs in on its login form as `login` (or cancels there), and returns the address it finally
 * sends the browser back to (Ideabox's callback with `code` and `state`, or `error`).
 */
export async function passThroughProvider({
  authorizationUrl,
  login,
  cancel = false,
}: {
  authorizationUrl: string
  login: string
  cancel?: boolean
}) {
  const jar = new Map<string, string>()
  const origin = new URL(authorizationUrl).origin
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, ...value] = pair!.split('=')
      jar.set(name!.trim(), value.join('='))
    }
    return response
  }
  let url = authorizationUrl
  for (let step = 0; step < 10; step++) {
    const response = await send(url)
    const location = response.headers.get('location')
    if (!location) {
      const page = await response.text()
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
      if (!action)
        throw new Error(`The provider showed no login form at ${url} (${response.status})`)
      const interaction = new URL(action.replace(/&amp;/g, '&'), origin).href
      const answer = cancel
        ? await send(`${interaction}/abort`)
        : await send(interaction, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
          })
      url = new URL(answer.headers.get('location')!, origin).href
      continue
    }
    const next = new URL(location, url)
    if (next.origin !== origin) return next
    url = next.href
  }
  throw new Error('Too many redirects at the provider')
}
