import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { wordDiff } from '#app/domain/ideas/revisions.rules'
import {
  issueExample,
  MARKDOWN_SEED,
  nestings,
  pathologicalMarkdown,
} from '#tests/hostile-markdown'
import { expectConsoleError } from '#tests/setup/console'

import { MARKDOWN_MAX_DEPTH, MARKDOWN_MAX_LENGTH } from './markdown.rules'
import {
  markdownToText,
  renderedMarkdownToText,
  renderMarkdown,
  renderMarkdownChanges,
} from './markdown.server'

// Payloads from the usual XSS cheat sheets, in raw HTML and in Markdown syntax.
const payloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](data:text/html,<script>alert(1)</script>)',
  '![x](javascript:alert(1))',
  '![x](x" onerror="alert(1))',
  '<style>body{display:none}</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<body onload=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '``<script>alert(1)</script>``',
  '<scr<script>ipt>alert(1)</script>',
  '"><script>alert(1)</script>',
]

describe('renderMarkdown', () => {
  it.each(payloads)('renders %s inert', (payload) => {
    const html = renderMarkdown(payload)
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i)
    expect(html).not.toMatch(/<[^>]*(href|src|action|data)\s*=\s*"?\s*(javascript|data|vbscript):/i)
    expect(html).not.toMatch(
      /<(iframe|object|embed|style|form|input|meta|base|link|svg|math|img|body)\b/i,
    )
  })

  it('keeps ordinary formatting and marks links as user content', () => {
    const html = renderMarkdown('**Bold**, _em_ and [a link](https://example.com)\n\n- one\n- two')
    expect(html).toContain('<strong>Bold</strong>')
    expect(html).toContain('<em>em</em>')
    expect(html).toContain('<a href="https://example.com" rel="nofollow ugc noopener">a link</a>')
    expect(html).toContain('<li>one</li>')
  })

  it('demotes headings below the page heading', () => {
    expect(renderMarkdown('# Big\n\n## Smaller')).toBe('<h3>Big</h3>\n<h3>Smaller</h3>\n')
  })

  it('turns Markdown into plain text for summaries', () => {
    expect(markdownToText('**Oat** & <b>milk</b> [link](https://x.y)', 200)).toBe('Oat & milk link')
    expect(markdownToText('word '.repeat(100), 20)).toHaveLength(20)
  })
})

const allowedTags = new Set([
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
])

describe('Markdown no text can break', () => {
  it('shows the issue’s 3,500 quote markers as their escaped text, and logs that once', () => {
    const text = `${issueExample}\n<script>alert(1)</script> & more`
    const html = renderMarkdown(text)
    expect(html).toBe(
      `<p>${'&gt;'.repeat(3_500)} deep<br />\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>\n`,
    )
    expect(renderMarkdown(text)).toBe(html)
    expect(markdownToText(text, 50)).toBe(`${'>'.repeat(49)}…`)
    const logged = expectConsoleError()
    expect(logged).toHaveLength(1)
    expect(String(logged[0]![0])).toMatch(/nests 3500 levels deep/)
  })

  it('shows emphasis thousands deep as text (it overflowed marked, or took it seconds)', () => {
    for (const text of [nestings.emphasis(3_000), nestings.strong(2_400)]) {
      expect(renderMarkdown(text)).toBe(`<p>${text}</p>\n`)
      expect(markdownToText(text, 20_000)).toBe(text)
    }
    expect(expectConsoleError()).toHaveLength(2)
  })

  it('renders nesting a person writes, up to the limit', () => {
    const html = renderMarkdown(`${'> '.repeat(MARKDOWN_MAX_DEPTH)}twenty deep`)
    expect(html.match(/<blockquote>/g)).toHaveLength(MARKDOWN_MAX_DEPTH)
  })

  it('shows text longer than any Markdown field as text, quietly', () => {
    const text = `**${'long '.repeat(MARKDOWN_MAX_LENGTH / 5)}**`
    expect(renderMarkdown(text)).toBe(`<p>${text}</p>\n`)
    expect(
      markdownToText(`<style>p{}</style><p>An &amp; email</p>${' '.repeat(MARKDOWN_MAX_LENGTH)}`),
    ).toBe('An & email')
  })

  it('never throws, and keeps to the allow-list, for any pathological Markdown', () => {
    fc.assert(
      fc.property(
        fc.oneof(pathologicalMarkdown(), fc.string({ unit: 'binary', maxLength: 2_000 })),
        (text) => {
          const html = renderMarkdown(text)
          for (const [, tag] of html.matchAll(/<\/?([a-zA-Z][\w-]*)/g))
            expect(allowedTags, tag).toContain(tag!.toLowerCase())
          expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i)
          expect(typeof markdownToText(text, 300)).toBe('string')
          expect(markdownToText(text, 300).length).toBeLessThanOrEqual(300)
        },
      ),
      { seed: MARKDOWN_SEED, numRuns: 100 },
    )
    expectConsoleError()
    // Generous: marked takes a while on some of these texts, and the machine may be busy.
  }, 120_000)
})

describe('renderMarkdownChanges', () => {
  it('renders a revision as the page does, with what changed marked', () => {
    const html = renderMarkdownChanges(
      wordDiff(
        '**Dark** mode, please\n\n- one\n- two',
        '**Dark** theme, please\n\n- one\n- two\n- three',
      ),
    )
    expect(html).toContain('<strong>Dark</strong>')
    expect(html).toContain('<del class="diff-removed">mode,</del>')
    expect(html).toContain('<ins>theme,</ins>')
    expect(html).toContain('<li>one</li>')
    expect(html).not.toContain('**')
  })

  it('drops the markers people type, and marks nothing inside a tag', () => {
    expect(renderMarkdownChanges([{ kind: 'same', text: 'a\uE010b\uE011c' }])).toBe('<p>abc</p>\n')
    const html = renderMarkdownChanges(wordDiff('[x](https://a.example)', '[x](https://b.example)'))
    expect(html).toMatch(/href="https:\/\/[ab]\.example"/)
  })

  it.each(payloads)('renders %s inert as an added or removed part', (payload) => {
    for (const kind of ['added', 'removed', 'same'] as const) {
      const html = renderMarkdownChanges([
        { kind: 'same', text: 'before ' },
        { kind, text: payload },
      ])
      expect(html).not.toMatch(/<script/i)
      expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i)
      expect(html).not.toMatch(
        /<[^>]*(href|src|action|data)\s*=\s*"?\s*(javascript|data|vbscript):/i,
      )
      expect(html).not.toMatch(
        /<(iframe|object|embed|style|form|input|meta|base|link|svg|math|img|body)\b/i,
      )
    }
  })
})

describe('renderedMarkdownToText (the plain-text part of emails)', () => {
  const asText = (markdown: string) => renderedMarkdownToText(renderMarkdown(markdown))
  it('reads as a person would write it: paragraphs apart, lists on their lines, links with their address', () => {
    expect(
      asText(
        'Yes *please*, see [the menu](https://example.com/menu) & more:\n\n- **hot**\n- cold\n\n1. one\n2. two',
      ),
    ).toBe(
      'Yes please, see the menu (https://example.com/menu) & more:\n\n- hot\n- cold\n\n1. one\n2. two',
    )
    expect(asText('## Next\n\n> quoted `code`\nline two')).toBe('Next\n\nquoted code\nline two')
    expect(asText('<b>raw</b> 5 < 6')).toBe('raw 5 < 6')
  })
  it('shows a bare address once', () => {
    expect(asText('https://example.com/a?b=1&c=2')).toBe('https://example.com/a?b=1&c=2')
  })
})
