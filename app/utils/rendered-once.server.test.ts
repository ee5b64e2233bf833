import { describe, expect, it, vi } from 'vitest'

import { MAX_KEPT_CHARS, renderedOnce } from './rendered-once.server'

describe('rendered once', () => {
  it('renders a text once per renderer, and a changed text anew', () => {
    const render = vi.fn((text: string) => `<p>${text}</p>`)
    expect(renderedOnce('test', 'same text', render)).toBe('<p>same text</p>')
    expect(renderedOnce('test', 'same text', render)).toBe('<p>same text</p>')
    expect(render).toHaveBeenCalledTimes(1)
    expect(renderedOnce('test', 'same text, edited', render)).toBe('<p>same text, edited</p>')
    expect(renderedOnce('other', 'same text', (text) => text.toUpperCase())).toBe('SAME TEXT')
    expect(render).toHaveBeenCalledTimes(2)
  })

  it('forgets the least recently used texts beyond its size, and renders them again when asked', () => {
    const render = vi.fn((text: string) => text)
    // Each entry (its text as the key, and its HTML) just under the largest kept; ten of them are
    // more than the cache holds.
    const big = (n: number) => `${n}`.padEnd(MAX_KEPT_CHARS / 2 - 100, '.')
    for (let n = 0; n < 10; n++) renderedOnce('size', big(n), render)
    expect(render).toHaveBeenCalledTimes(10)
    renderedOnce('size', big(9), render)
    expect(render).toHaveBeenCalledTimes(10)
    renderedOnce('size', big(0), render)
    expect(render).toHaveBeenCalledTimes(11)
  })

  it('answers a text too big to keep without forgetting what it kept', () => {
    const render = vi.fn((text: string) => `<p>${text}</p>`)
    renderedOnce('huge', 'a small text', render)
    // Bigger than the whole cache: kept, it would push out every other entry, then itself.
    for (const size of [MAX_KEPT_CHARS + 1, MAX_KEPT_CHARS * 8 + 1]) {
      const huge = 'x'.repeat(size)
      expect(renderedOnce('huge', huge, render)).toBe(`<p>${huge}</p>`)
      expect(renderedOnce('huge', huge, render)).toBe(`<p>${huge}</p>`)
    }
    expect(render).toHaveBeenCalledTimes(5)
    renderedOnce('huge', 'a small text', render)
    expect(render).toHaveBeenCalledTimes(5)
  })
})
