// Which Chromium the browser tests drive. Browsers cannot be downloaded on these machines, so the
// Debian packages come first (decision 033):
// 1. `chromium-headless-shell`, the same Chromium build without the desktop browser around it. It is
//    what Playwright itself runs for headless tests, and on this 2-core machine the e2e suite took
//    232 s with it against 368 s with the full browser (the renderer and compositor of the full
//    browser were ~70 % of the machine's CPU during the suite).
// 2. `chromium`, the full browser, when only that is installed.
// 3. Playwright's own Chromium otherwise (`tests/e2e/run.ts` installs it on first run on a laptop).
// E2E_CHROMIUM names another executable.
import { existsSync } from 'node:fs'

const debianChromiums = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium']

/** The executable to launch, or undefined for Playwright's own Chromium. */
export function systemChromium(): string | undefined {
  const named = process.env.E2E_CHROMIUM
  if (named) return named
  return debianChromiums.find((path) => existsSync(path))
}
