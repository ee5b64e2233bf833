// Issue 16: `[x](javascript:alert(1))` was rendered as a link with its href removed: link-coloured
// text that does nothing when clicked. A link the sanitiser will not keep is plain text.
import { describe, expect, it } from 'vitest'

import { renderMarkdown } from './markdown.server'

describe('links with a scheme that is not allowed', () => {
  it('are plain text, not an <a> without an href', () => {
    for (const href of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'JaVaScRiPt:alert(1)',
      'vbscript:x',
    ]) {
      const html = renderMarkdown(`See [the page](${href}) here.`)
      expect(html, href).not.toContain('<a')
      expect(html, href).toContain('the page')
    }
  })

  it('keep the links that are allowed', () => {
    expect(
      renderMarkdown('[a](https://example.com) [b](mailto:a@example.com) [c](/ideas/1)'),
    ).toMatch(/(<a href="[^"]+" rel="nofollow ugc noopener">.+?<\/a>.*){3}/)
  })

  it('leave the rest of the text as it was: the tags after a refused link stay closed', () => {
    expect(renderMarkdown('[click](javascript:alert(1)) **bold** and *more*')).toBe(
      '<p>click <strong>bold</strong> and <em>more</em></p>\n',
    )
    expect(renderMarkdown('[**x** y](data:text/html,hi) then `code`')).toBe(
      '<p><strong>x</strong> y then <code>code</code></p>\n',
    )
  })
})
