// The port of the example OpenID Connect provider that tests/e2e/sso.spec.ts starts: the server is
// configured with its issuer before any spec runs (playwright.config.ts), so it is fixed per run.
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 10)
