// `npm run sso:example-provider`: a real OpenID Connect provider on this machine to try single
// sign-on with (README, "Single sign-on"). Sign in on its page with any login: the ones it prints, or any other.
import { exampleAccounts, startOidcProvider } from './oidc-provider'

const port = Number(process.env.OIDC_EXAMPLE_PORT ?? 3017)
const appUrl = (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(
  /\/$/,
  '',
)
const provider = await startOidcProvider({ port, appUrls: [appUrl] })
const configuration = [
  {
    id: 'example',
    label: 'Example ID',
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    roleMapping: { claim: 'groups', map: { 'ideabox-admins': 'admin' } },
  },
]
console.log(`Example OpenID Connect provider at ${provider.issuer} (for Ideabox at ${appUrl}).
Start Ideabox with:

  OIDC_PROVIDERS='${JSON.stringify(configuration)}' npm run dev

Logins (any password): ${Object.entries(exampleAccounts)
  .map(
    ([login, account]) =>
      `${login} (${account.email}${account.email_verified ? '' : ', not verified'}${account.groups?.length ? `, groups: ${account.groups.join(' ')}` : ''})`,
  )
  .join('; ')}; or any other login, as <login>@example.test (verified)`)
process.on('SIGINT', () => void provider.close().then(() => process.exit(0)))
process.on('SIGTERM', () => void provider.close().then(() => process.exit(0)))
