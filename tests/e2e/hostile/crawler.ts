// The crawler: follows same-origin links as one signed-in person and collects every POST form on
// the pages it reaches, with its action, fields and submit buttons. Pages are fetched over HTTP
// and parsed by Chromium's DOMParser (fast, and nothing on them runs).
import type { Page } from '@playwright/test'

import type { HostileClient } from './http-client'

export type FieldShape = {
  name: string
  tag: 'input' | 'select' | 'textarea' | 'button'
  type: string
  value: string
  checked: boolean
  disabled: boolean
  options: string[]
  optionLabels: string[]
  selected: string[]
  /** Inside an aria-hidden or hidden container (a honeypot): people leave it empty. */
  hiddenFromPeople: boolean
}

export type FormShape = {
  /** The page the form was found on. */
  page: string
  /** Path and query the form posts to. */
  action: string
  enctype: string
  fields: FieldShape[]
  label: string
}

type ParsedPage = { links: string[]; forms: FormShape[]; searches: string[] }

/** Parses HTML in the browser without running it: links and POST forms. */
async function parsePage(parser: Page, html: string, pageUrl: string): Promise<ParsedPage> {
  return parser.evaluate(
    ({ html, pageUrl }) => {
      const doc = new DOMParser().parseFromString(html, 'text/html')
      const base = new URL(pageUrl)
      const sameOrigin = (href: string) => {
        try {
          const url = new URL(href, base)
          return url.origin === base.origin ? `${url.pathname}${url.search}` : null
        } catch {
          return null
        }
      }
      const links = [...doc.querySelectorAll('a[href]')]
        .map((a) => sameOrigin(a.getAttribute('href') ?? ''))
        .filter((href): href is string => href !== null)
      const forms = [...doc.forms]
        .filter((form) => (form.getAttribute('method') ?? 'get').toLowerCase() === 'post')
        .map((form) => {
          const fields = [...form.elements].flatMap((element) => {
            const control = element as
              HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement
            const name = control.getAttribute('name')
            const tag = control.tagName.toLowerCase()
            if (!name || !['input', 'select', 'textarea', 'button'].includes(tag)) return []
            const type = (
              control.getAttribute('type') ??
              (tag === 'button' ? 'submit' : tag === 'input' ? 'text' : tag)
            ).toLowerCase()
            const options =
              control instanceof HTMLSelectElement
                ? [...control.options].map((option) => option.value)
                : []
            const optionLabels =
              control instanceof HTMLSelectElement
                ? [...control.options].map((option) => (option.textContent ?? '').trim())
                : []
            const selected =
              control instanceof HTMLSelectElement
                ? [...control.options]
                    .filter((option) => option.selected)
                    .map((option) => option.value)
                : []
            return [
              {
                name,
                tag: tag as 'input' | 'select' | 'textarea' | 'button',
                type,
                value:
                  control instanceof HTMLTextAreaElement
                    ? control.value
                    : (control.getAttribute('value') ?? ''),
                checked:
                  control instanceof HTMLInputElement ? control.hasAttribute('checked') : false,
                disabled: control.hasAttribute('disabled'),
                options,
                optionLabels,
                selected,
                hiddenFromPeople:
                  Boolean(control.closest('[aria-hidden="true"], [hidden]')) &&
                  control.getAttribute('type') !== 'hidden',
              },
            ]
          })
          const heading = form.querySelector('h1, h2, h3, legend')?.textContent ?? ''
          return {
            page: `${base.pathname}${base.search}`,
            action:
              sameOrigin(form.getAttribute('action') ?? pageUrl) ??
              `external:${form.getAttribute('action')}`,
            enctype: (
              form.getAttribute('enctype') ?? 'application/x-www-form-urlencoded'
            ).toLowerCase(),
            fields,
            label: (form.getAttribute('aria-label') ?? heading).trim().slice(0, 60),
          }
        })
      // GET forms (filters, search): their address with every field, as a link would carry them.
      const searches = [...doc.forms]
        .filter((form) => (form.getAttribute('method') ?? 'get').toLowerCase() === 'get')
        .map((form) => {
          const action = sameOrigin(form.getAttribute('action') ?? pageUrl)
          const names = [...form.elements]
            .map((element) => element.getAttribute('name'))
            .filter((name): name is string => Boolean(name))
          return action
            ? `${action.replace(/\?.*/, '')}?${names.map((name) => `${encodeURIComponent(name)}=`).join('&')}`
            : null
        })
        .filter((search): search is string => search !== null)
      return { links, forms, searches }
    },
    { html, pageUrl },
  )
}

/**
 * `/ideas/17-oat-milk/vote` → `/ideas/:id/vote`, `/u/casey-jansen` → `/u/:slug`: the shape of a
 * path, for de-duplication. A hyphenated segment below the root is a slug (sections are one word).
 */
export function pathPattern(path: string) {
  const url = new URL(path, 'http://x')
  const pattern = url.pathname
    .split('/')
    .map((segment, index) =>
      /^\d+(-[^/]*)?$/.test(segment)
        ? ':id'
        : index > 1 && /^[\w.]+-[\w.-]+$/.test(segment)
          ? ':slug'
          : segment,
    )
    .join('/')
  // `?open=` names a part of the page to render open (a reply or report form): each kind is its own
  // shape, so that the crawl reaches every form a page holds back until asked.
  const keys = [...new Set(url.searchParams.keys())]
    .sort()
    .map((key) =>
      key === 'open' ? `open=${url.searchParams.get(key)!.replace(/\d+/g, ':id')}` : key,
    )
  return keys.length ? `${pattern}?${keys.join('&')}` : pattern
}

/**
 * Links not followed: leaving the session or the site, machine endpoints, and capability links
 * (a long random token in the address) — the mailbox shows other people's verification and reset
 * links, and opening one would spend a token another journey is about to use.
 */
function isSkippedLink(path: string) {
  const url = new URL(path, 'http://x')
  if (/^\/(logout|api\/|build\/|images\/|healthz|dev\/)/.test(url.pathname)) return true
  if (/\.(rss|atom|csv|xml|json|ico|png|svg|css|js)$/.test(url.pathname)) return true
  if (/^\/(verify-email|reset-password|unsubscribe|feedback)\b/.test(url.pathname)) return true
  return [...url.pathname.split('/'), ...url.searchParams.values()].some(
    (part) => /^[\w-]{24,}$/.test(part) && /\d/.test(part) && /[a-zA-Z]/.test(part),
  )
}

export type CrawlResult = {
  visited: { path: string; status: number }[]
  forms: FormShape[]
  /** Query parameters seen per page (in links and GET forms): what the page reads from its address. */
  queries: Map<string, Set<string>>
  errors: string[]
}

/**
 * Breadth-first crawl as `client` from `seeds`. Paths of one shape (`/ideas/:id`) are visited once;
 * `rewrite` points entity pages at rows this test owns (its own idea, its own update), so forms
 * found there act on those rows.
 */
export async function crawl({
  client,
  parser,
  seeds,
  maxPages = 60,
  rewrite = (path) => path,
}: {
  client: HostileClient
  parser: Page
  seeds: string[]
  maxPages?: number
  rewrite?: (path: string) => string | null
}): Promise<CrawlResult> {
  const queue = [...seeds]
  const seenPatterns = new Set<string>()
  const perPathname = new Map<string, number>()
  const result: CrawlResult = { visited: [], forms: [], queries: new Map(), errors: [] }
  while (queue.length && result.visited.length < maxPages) {
    const raw = queue.shift()!
    if (!seeds.includes(raw) && isSkippedLink(raw)) continue
    // Seeds are chosen on purpose; links found on pages may be re-aimed.
    const path = seeds.includes(raw) ? raw : rewrite(raw)
    if (!path) continue
    const pattern = pathPattern(path)
    // The same page with other filters adds nothing after a couple of variants.
    // (A form opened on request is not a variant: it does not count.)
    const opensForm = pattern.includes('open=')
    if (
      seenPatterns.has(pattern) ||
      (!opensForm && (perPathname.get(pattern.split('?')[0]!) ?? 0) >= 3)
    )
      continue
    seenPatterns.add(pattern)
    if (!opensForm)
      perPathname.set(pattern.split('?')[0]!, (perPathname.get(pattern.split('?')[0]!) ?? 0) + 1)
    let response = await client.get(path)
    let finalPath = path
    // Old idea addresses answer with the canonical one: follow a few same-site redirects.
    for (
      let hop = 0;
      hop < 3 &&
      response.status >= 301 &&
      response.status <= 308 &&
      response.location?.startsWith('/');
      hop += 1
    ) {
      finalPath = response.location
      response = await client.get(finalPath)
    }
    result.visited.push({ path, status: response.status })
    const own = new URL(path, 'http://x')
    if ([...own.searchParams.keys()].length)
      result.queries.set(
        own.pathname,
        new Set([...(result.queries.get(own.pathname) ?? []), ...own.searchParams.keys()]),
      )
    if (response.status >= 500) result.errors.push(`GET ${path} → ${response.status}`)
    if (response.status !== 200 || !String(response.headers['content-type']).includes('text/html'))
      continue
    const parsed = await parsePage(parser, response.body, `${client.origin}${finalPath}`)
    result.forms.push(...parsed.forms)
    for (const address of [...parsed.links, ...parsed.searches]) {
      const url = new URL(address, 'http://x')
      if (isSkippedLink(address) || ![...url.searchParams.keys()].length) continue
      const target = rewrite(url.pathname)
      if (!target) continue
      const keys = result.queries.get(target) ?? new Set<string>()
      for (const key of url.searchParams.keys()) keys.add(key)
      result.queries.set(target, keys)
    }
    for (const link of parsed.links) {
      const linkPath = new URL(link, 'http://x')
      if (
        linkPath.pathname !== new URL(finalPath, 'http://x').pathname ||
        linkPath.search !== new URL(finalPath, 'http://x').search
      )
        queue.push(`${linkPath.pathname}${linkPath.search}`)
    }
  }
  return result
}
