// Every page a person can open, generated from app/routes/ with demo ids, handles and slugs: the
// every-route checks (every-route-responsive.spec.ts) and `npm run screenshots` read it, so a new
// route is covered without anyone remembering to add it.
import { readdirSync } from 'node:fs'

/** Demo values for each route parameter (app/demo/demo-seed.server.ts); tokens are unknown on purpose: their error pages must fit too. */
const demoParams: Record<string, string> = {
  ideaRef: '1',
  ideaId: '1',
  userId: '1',
  updateId: '1',
  handle: 'casey-jansen',
  slug: 'you-asked-oat-milk-and-more',
  token: 'no-such-token',
  // The e2e server's example provider (playwright.config.ts): its callback without a sign-in is the 'not valid' page.
  providerId: 'example',
}

/** Routes that answer with something other than a page a person reads (feeds, JSON, redirects after a post). */
const notPages =
  /^(api\.|healthz|images\.|updates\[\.\]|admin\.insights\[\.\]|dev\.mail|logout|language|ideas\.similar|ideas\.\$ideaRef_\.(vote|follow))/

/** `ideas.$ideaRef_.edit.tsx` → `/ideas/1/edit`; `admin._index.tsx` → `/admin`; layout-only segments drop out. */
function routeUrl(file: string) {
  const segments = file
    .replace(/\.tsx?$/, '')
    .replace(/\[\.\]/g, '\u0000')
    .split('.')
    .map((segment) => segment.replace(/\u0000/g, '.').replace(/_$/, ''))
    .filter((segment) => segment !== '_index' && segment !== '$')
    .map((segment) => {
      if (!segment.startsWith('$')) return segment
      const value = demoParams[segment.slice(1)]
      if (!value) throw new Error(`No demo value for ${segment} in ${file}: add one to demoParams`)
      return value
    })
  return `/${segments.join('/')}`
}

// Resource routes are no pages: a `.ts` module (no component) or an address with an extension (`voters[.]csv`).
const routeFiles = readdirSync('app/routes').filter(
  (file) => /\.tsx$/.test(file) && !/\[\.\]/.test(file) && !notPages.test(file),
)
const urls = [...new Set(routeFiles.map(routeUrl))].sort()
export const customerUrls = urls.filter((url) => url !== '/admin' && !url.startsWith('/admin/'))
export const adminUrls = urls.filter((url) => url === '/admin' || url.startsWith('/admin/'))
// The splat route's own page: a 404 that must fit the screen too.
customerUrls.push('/no-such-page')
