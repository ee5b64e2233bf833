import { describe, expect, it } from 'vitest'
import { markdownToText, renderMarkdown } from './markdown.server'

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
