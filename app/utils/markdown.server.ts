// The one door for Markdown: marked renders, sanitize-html keeps only an allow-list of tags. No
// text may take a page down: what marked cannot render (nesting thousands of levels deep overflows
// its stack) is shown as its escaped text, and logged once.
import { createHash } from 'node:crypto'

import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

import { MARKDOWN_MAX_DEPTH, MARKDOWN_MAX_LENGTH, markdownNestingDepth } from './markdown.rules'
import { renderedOnce } from './rendered-once.server'

const marked = new Marked({ gfm: true, breaks: true, async: false })

const allowedSchemes = ['http', 'https', 'mailto']

/** Does this link's address survive the sanitiser: a relative address or one of the allowed schemes? */
function keepsLink(href: string | undefined) {
  if (!href) return false
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.replace(/[\u0000-\u0020]+/g, ''))?.[1]
  return !scheme || allowedSchemes.includes(scheme.toLowerCase())
}

/** The text of the links `keepsLink` refused, without the span they were turned into. */
const withoutDroppedLinks = (html: string) => html.replace(/<\/?span>/g, '')

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    // Only as the stand-in for a refused link (below), removed again after sanitising: a
    // transformed tag that is not allowed would be discarded with the closing tags around it.
    'span',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], th: ['align'], td: ['align'] },
  allowedSchemes,
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Headings inside user content start at h3 so they never compete with the page's own.
  transformTags: {
    h1: 'h3',
    h2: 'h3',
    // A link whose address the sanitiser would drop (javascript:, data:) becomes plain text: an <a>
    // without an href looked like a link and did nothing (issue 16). The `span` is taken out after
    // sanitising (`withoutDroppedLinks`), with any attribute-free span the source itself had.
    a: (tagName, attribs) =>
      keepsLink(attribs.href)
        ? { tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener' } }
        : { tagName: 'span', attribs: {} },
  },
}

/** Markdown from a person → safe HTML. Raw HTML in the source is dropped, links are marked ugc. */
// Rendered once per text (renderedOnce, decision 023): the key is the text, so an edit is never stale.
export const renderMarkdown = (source: string) =>
  renderedOnce('markdown', source, (text) =>
    safely(
      text,
      (markdown) =>
        withoutDroppedLinks(sanitizeHtml(marked.parse(markdown) as string, sanitizeOptions)),
      asEscapedParagraph,
    ),
  )

// Private-use characters mark where a change starts and ends in the Markdown source: they pass
// through marked and the sanitiser as text, and cannot clash with what people type (removed first).
const MARK = {
  addedStart: '\uE010',
  addedEnd: '\uE011',
  removedStart: '\uE012',
  removedEnd: '\uE013',
}
const MARKS = /[\uE010-\uE013]/g
const MARK_TAGS: Record<string, string> = {
  [MARK.addedStart]: '<ins>',
  [MARK.addedEnd]: '</ins>',
  [MARK.removedStart]: '<del class="diff-removed">',
  [MARK.removedEnd]: '</del>',
}

/**
 * A change between two versions of Markdown, rendered as the page renders it, with added words in
 * `<ins>` and removed words in `<del>`. A mark never spans a line, so it stays inside one block.
 */
export function renderMarkdownChanges(
  parts: { kind: 'same' | 'added' | 'removed'; text: string }[],
) {
  let marked = ''
  for (const { kind, text } of parts) {
    const clean = text.replace(MARKS, '')
    if (kind === 'same') {
      marked += clean
      continue
    }
    const [start, end] =
      kind === 'added' ? [MARK.addedStart, MARK.addedEnd] : [MARK.removedStart, MARK.removedEnd]
    // Around each run of text on one line, leaving a line's block marker (list item, heading,
    // quote) outside, so the Markdown structure stays as it was.
    for (const line of clean.split(/(?<=\n)/)) {
      const atLineStart = marked === '' || marked.endsWith('\n')
      const marker = atLineStart
        ? (/^[ \t]*(?:[-*+]|\d{1,9}[.)]|#{1,6}|>)[ \t]+/.exec(line)?.[0] ?? '')
        : ''
      marked +=
        marker +
        line
          .slice(marker.length)
          .replace(/[^\s]+(?:[ \t]+[^\s]+)*/g, (run) => `${start}${run}${end}`)
    }
  }
  const html = renderMarkdown(marked)
    // A mark inside a tag (a changed link address) is dropped there; elsewhere it becomes the tag.
    .replace(/<[^>]*>/g, (tag) => tag.replace(MARKS, ''))
    .replace(MARKS, (mark) => MARK_TAGS[mark] ?? '')
  // Once more through the allow-list: a mark that crossed an element's edge is closed properly.
  return withoutDroppedLinks(
    sanitizeHtml(html, {
      ...sanitizeOptions,
      allowedTags: [...(sanitizeOptions.allowedTags || []), 'ins'],
      allowedClasses: { del: ['diff-removed'] },
    }),
  )
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}
const withoutTags: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {} }

// The same texts (a notification's comment, an idea's summary) are made plain on every view.
const plainTextOf = (source: string) =>
  renderedOnce('plain-text', source, (text) =>
    safely(
      text,
      (markdown) => sanitizeHtml(marked.parse(markdown) as string, withoutTags),
      (markdown) => sanitizeHtml(markdown, withoutTags),
    ),
  )

/** Markdown → plain text (for summaries, meta descriptions and emails). */
export function markdownToText(source: string, maxLength = 200) {
  const text = plainTextOf(source)
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text
}

const blockEnds = /<\/(?:p|h[3-6]|blockquote|pre|table|ul|ol)>/g

/**
 * HTML from `renderMarkdown` → readable plain text, as a person would write it in a plain email:
 * paragraphs apart, list items on their own lines with a dash or their number, a link as its text
 * with its address after it, no Markdown syntax and no tags.
 */
export function renderedMarkdownToText(html: string) {
  return (
    html
      // marked puts a line break between block tags; the text's own breaks are decided below.
      .replace(/>\n+</g, '><')
      .replace(
        /<a [^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g,
        (_, href: string, label: string) => {
          const text = label.replace(/<[^>]*>/g, '')
          return decodeEntities(text) === decodeEntities(href) ? href : `${text} (${href})`
        },
      )
      .replace(/<ol[^>]*>([\s\S]*?)<\/ol>/g, (list: string) => {
        let number = 0
        return list.replace(/<li>/g, () => `${(number += 1)}. `)
      })
      .replace(/<li>/g, '- ')
      .replace(/<br\s*\/?>\n?/g, '\n')
      .replace(/<hr\s*\/?>/g, '\n—\n')
      .replace(/<\/(?:li|tr)>/g, '\n')
      .replace(/<\/t[hd]>/g, '\t')
      .replace(blockEnds, '\n\n')
      .replace(/<[^>]*>/g, '')
      .replace(/&(?:amp|lt|gt|quot|#39|#x27|#\d{1,6});/g, (entity) => decodeEntities(entity))
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  )
}

function decodeEntities(text: string) {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#x27|#(\d{1,6}));/g, (entity, code?: string) =>
    code
      ? String.fromCodePoint(Number(code))
      : entity === '&#x27;'
        ? "'"
        : (entities[entity] ?? entity),
  )
}

/**
 * Renders with marked, unless the text is longer or nests deeper than any Markdown field allows
 * (stored before the limits, or arriving by email), or marked throws: then `fallback` shows it.
 * Longer text is left to the fallback quietly (a long email is no fault); the rest is logged once.
 */
function safely(
  source: string,
  render: (markdown: string) => string,
  fallback: (markdown: string) => string,
) {
  if (source.length > MARKDOWN_MAX_LENGTH) return fallback(source)
  const depth = markdownNestingDepth(source)
  if (depth > MARKDOWN_MAX_DEPTH) {
    logOnce(source, `it nests ${depth} levels deep (at most ${MARKDOWN_MAX_DEPTH} are rendered)`)
    return fallback(source)
  }
  try {
    return render(source)
  } catch (error) {
    logOnce(
      source,
      `rendering failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    )
    return fallback(source)
  }
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** The text itself, escaped, as one paragraph keeping its line breaks. */
function asEscapedParagraph(source: string) {
  const escaped = source.replace(/[&<>"']/g, (char) => escapes[char]!)
  return `<p>${escaped.replace(/\r\n|\r|\n/g, '<br />\n')}</p>\n`
}

// The texts already logged, by hash: a page viewed a thousand times logs its text once. Bounded,
// oldest first out, so a flood of distinct texts cannot grow the process.
const LOGGED_MAX = 1_000
const logged = new Set<string>()

function logOnce(source: string, why: string) {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16)
  if (logged.has(hash)) return
  if (logged.size >= LOGGED_MAX) logged.delete(logged.values().next().value!)
  logged.add(hash)
  console.error(
    `Markdown shown as plain text (${source.length} characters, sha256 ${hash}): ${why}.`,
  )
}
