import { describe, expect, it, vi } from 'vitest'

import { renderedOnce } from './rendered-once.server'

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
    const big = (n: number) => `${n}`.padEnd(1_000_000, '.')
    for (let n = 0; n < 10; n++) renderedOnce('size', big(n), render)
    expect(render).toHaveBeenCalledTimes(10)
    renderedOnce('size', big(9), render)
    expect(render).toHaveBeenCalledTimes(10)
    renderedOnce('size', big(0), render)
    expect(render).toHaveBeenCalledTimes(11)
  })
})
