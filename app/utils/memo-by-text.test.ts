import { describe, expect, it } from 'vitest'
import { memoByText } from './memo-by-text'

function counted(maxCharacters?: number) {
  const calls: string[] = []
  const render = memoByText((source) => {
    calls.push(source)
    return source.toUpperCase()
  }, maxCharacters)
  return { render, calls }
}

describe('memoByText', () => {
  it('renders a text once and answers the same text from memory', () => {
    const { render, calls } = counted()
    expect(render('hello')).toBe('HELLO')
    expect(render('hello')).toBe('HELLO')
    expect(render('other')).toBe('OTHER')
    expect(calls).toEqual(['hello', 'other'])
  })

  it('answers an edited text afresh', () => {
    const { render, calls } = counted()
    render('first words')
    expect(render('first words, edited')).toBe('FIRST WORDS, EDITED')
    expect(calls).toEqual(['first words', 'first words, edited'])
  })

  it('keeps at most its bound of characters, dropping the least recently used first', () => {
    // Each entry is 10 characters (key 5 + answer 5); room for 8.
    const { render, calls } = counted(80)
    for (const letter of 'abcdefgh') render(letter.repeat(5))
    render('aaaaa') // used again: now the most recent
    render('iiiii') // over the bound: 'bbbbb' goes
    calls.length = 0
    render('aaaaa')
    render('ccccc')
    render('bbbbb')
    expect(calls).toEqual(['bbbbb'])
  })

  it('does not keep a text larger than an eighth of its bound', () => {
    const { render, calls } = counted(80)
    render('x'.repeat(6))
    render('x'.repeat(6))
    expect(calls).toHaveLength(2)
  })
})
