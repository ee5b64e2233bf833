// What Node's HTTP parser refuses before Express sees the request (an address or headers above
// maxHeaderSize, a malformed request line): Node's own answer is a bare status with no body. This
// answers with a small page in the site's words instead, in the visitor's language when the bytes
// read so far carry it, with a link home.
import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'

import { type MessageKey, translator } from '#app/utils/i18n/i18n'
import { getLocale } from '#app/utils/i18n/i18n.server'

type ParserError = Error & { code?: string; rawPacket?: Buffer }

const reasons: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
}

/** The status Node would give this parser error (431 for too-large headers, 408 for a timeout). */
function clientErrorStatus(error: ParserError) {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408
  return 400
}

/** The language the visitor asked for, from the header lines read before the parser gave up. */
function localeOf(rawPacket: Buffer | undefined) {
  const headers = new Headers()
  for (const line of (rawPacket?.toString('latin1') ?? '').split('\r\n').slice(1)) {
    const match = /^(cookie|accept-language):\s*([^\r\n]{0,1000})$/i.exec(line)
    if (match) headers.append(match[1]!, match[2]!)
  }
  return getLocale(new Request('http://localhost/', { headers }))
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** The page for a request the parser refused: status, what happened, a way home. */
function clientErrorPage(status: number, rawPacket?: Buffer) {
  return errorPageHtml(status, localeOf(rawPacket))
}

/** The header that lets the error page's own inline style apply, and nothing else. */
export const ERROR_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'"

/**
 * The small error page for a request the app cannot read (the parser's refusals here, and an address
 * that is not valid percent-encoding in http.server.ts): in the visitor's language, with a way home.
 */
/** The title and text of the small error page, by status (a refused cross-site form names itself). */
const pageMessages = {
  400: ['error.badRequestTitle', 'error.badRequestText'],
  403: ['error.crossSiteTitle', 'error.crossSiteText'],
  413: ['error.tooLargeTitle', 'error.tooLargeText'],
  431: ['error.tooLongTitle', 'error.tooLongText'],
  500: ['error.unexpectedTitle', 'error.unexpectedText'],
} as const satisfies Record<number, readonly [MessageKey, MessageKey]>

export function errorPageHtml(status: number, locale: ReturnType<typeof getLocale>) {
  const t = translator(locale)
  const [titleKey, textKey] = pageMessages[status as keyof typeof pageMessages] ?? pageMessages[400]
  const [title, text] = [t(titleKey), t(textKey)]
  return `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}.code{font-size:3rem;font-weight:700;color:#0f766e;margin:0}</style></head>
<body><main><p class="code" aria-hidden="true">${status}</p><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/">${escapeHtml(t('error.goHome'))}</a></p></main></body>
</html>
`
}

/** Answers the parser's refusals with the error page (replaces Node's body-less default). */
export function answerClientErrors(server: Server) {
  server.on('clientError', (error: ParserError, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const status = clientErrorStatus(error)
    const body = Buffer.from(clientErrorPage(status, error.rawPacket))
    socket.write(
      [
        `HTTP/1.1 ${status} ${reasons[status] ?? 'Bad Request'}`,
        'Content-Type: text/html; charset=utf-8',
        `Content-Length: ${body.length}`,
        'Cache-Control: no-store',
        `Content-Security-Policy: ${ERROR_PAGE_CSP}`,
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        '',
      ].join('\r\n'),
    )
    socket.end(body)
  })
}
