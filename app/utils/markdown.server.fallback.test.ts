// When marked itself fails on a text the nesting measure lets through (none is known: this stands
// in for the next parser bug), the page still shows the text, escaped, and the failure is logged once.
import type * as markedModule from 'marked'
import { describe, expect, it, vi } from 'vitest'

import { expectConsoleError } from '#tests/setup/console'

import { markdownToText, renderMarkdown } from './markdown.server'

const BREAKS_MARKED = 'breaks-the-parser'

vi.mock('marked', async (importOriginal) => {
  const actual = await importOriginal<typeof markedModule>()
  class Marked extends actual.Marked {
    constructor(...options: ConstructorParameters<typeof actual.Marked<string, string>>) {
      super(...options)
      const parse = this.parse
      this.parse = ((source: string, ...rest: unknown[]) => {
        if (source.includes(BREAKS_MARKED)) throw new RangeError('Maximum call stack size exceeded')
        return (parse as (...args: unknown[]) => unknown)(source, ...rest)
      }) as typeof parse
    }
  }
  return { ...actual, Marked }
})

describe('a render failure', () => {
  it('falls back to the escaped text as a paragraph with its line breaks, logged once however often it is shown', () => {
    const text = `**${BREAKS_MARKED}**\n<img src=x onerror=alert(1)> & "more"`
    const html = renderMarkdown(text)
    expect(html).toBe(
      `<p>**${BREAKS_MARKED}**<br />\n&lt;img src=x onerror=alert(1)&gt; &amp; &quot;more&quot;</p>\n`,
    )
    for (let view = 0; view < 5; view += 1) expect(renderMarkdown(text)).toBe(html)
    expect(markdownToText(text)).toBe(`**${BREAKS_MARKED}** & "more"`)
    const logged = expectConsoleError()
    expect(logged).toHaveLength(1)
    expect(String(logged[0]![0])).toMatch(/rendering failed: Maximum call stack size exceeded/)
    expect(String(logged[0]![0])).not.toContain(BREAKS_MARKED)
  })

  it('leaves every other text rendered', () => {
    expect(renderMarkdown('**fine**')).toBe('<p><strong>fine</strong></p>\n')
  })
})
