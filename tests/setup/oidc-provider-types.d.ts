// The little of oidc-provider's API the test provider uses (the package ships no types; this
// avoids @types/oidc-provider for a test helper).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export type Grant = { addOIDCScope(scope: string): void; save(): Promise<string> }
  export type GrantContext = {
    oidc: {
      result?: { consent?: { grantId?: string } }
      session?: { accountId: string; grantIdFor(clientId: string): string | undefined }
      client?: { clientId: string }
      provider: Provider
    }
  }
  export type Account = { accountId: string; claims: () => Record<string, unknown> }
  export type Configuration = {
    clients: Record<string, unknown>[]
    pkce?: { required: () => boolean }
    claims?: Record<string, string[]>
    conformIdTokenClaims?: boolean
    features?: Record<string, { enabled: boolean }>
    findAccount: (ctx: unknown, id: string) => Account | undefined
    loadExistingGrant?: (ctx: GrantContext) => Promise<Grant | undefined>
    cookies?: { keys: string[] }
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration)
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    IdToken: unknown
    Grant: {
      new (init: { clientId: string; accountId: string }): Grant
      find(id: string): Promise<Grant | undefined>
    }
  }
}
