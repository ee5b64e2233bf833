import { describe, expect, it } from 'vitest'
import { wordDiff } from '#app/domain/ideas/revisions.rules'
import { markdownToText, renderMarkdown, renderMarkdownChanges } from './markdown.server'

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
    expect(html).not.toMatch(/<(iframe|object|embed|style|form|input|meta|base|link|svg|math|img|body)\b/i)
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

describe('renderMarkdownChanges', () => {
  it('renders a revision as the page does, with what changed marked', () => {
    const html = renderMarkdownChanges(wordDiff('**Dark** mode, please\n\n- one\n- two', '**Dark** theme, please\n\n- one\n- two\n- three'))
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
      const html = renderMarkdownChanges([{ kind: 'same', text: 'before ' }, { kind, text: payload }])
      expect(html).not.toMatch(/<script/i)
      expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i)
      expect(html).not.toMatch(/<[^>]*(href|src|action|data)\s*=\s*"?\s*(javascript|data|vbscript):/i)
      expect(html).not.toMatch(/<(iframe|object|embed|style|form|input|meta|base|link|svg|math|img|body)\b/i)
    }
  })
})
