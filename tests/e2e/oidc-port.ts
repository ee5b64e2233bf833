// The port of the example OpenID Connect provider that tests/e2e/sso.spec.ts starts: the server is
// configured with its issuer before any spec runs (playwright.config.ts), so it is fixed per run.
const appPort = Number(process.env.E2E_PORT ?? 3100)
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? appPort + 10)
/** Where the e2e server runs (playwright.config.ts's baseURL): the provider registers its callback there. */
export const E2E_APP_URL = `http://localhost:${appPort}`
