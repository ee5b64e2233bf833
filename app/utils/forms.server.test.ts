import { describe, expect, it } from 'vitest'

import { carriesForm, readForm, readFormLists } from './forms.server'

const post = (body: string) =>
  new Request('http://localhost/', {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  })

describe('reading a form', () => {
  it('treats fields named like Object properties as plain fields', async () => {
    const { values, lists } = await readFormLists(
      post('__proto__=a&constructor=b&toString=c&hasOwnProperty=d&constructor=e&intent=post'),
    )
    expect(Object.entries(values)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
      ['toString', 'c'],
      ['hasOwnProperty', 'd'],
      ['intent', 'post'],
    ])
    expect(lists.constructor).toEqual(['b', 'e'])
    expect(lists.toString).toEqual(['c'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('drops NUL characters, which PostgreSQL text cannot hold, from names and values', async () => {
    const values = await readForm(post('body=before%00after&na%00me=x&only=%00%00'))
    expect({ ...values }).toEqual({ body: 'beforeafter', name: 'x', only: '' })
  })

  it('keeps the first of repeated fields in values and every one in lists', async () => {
    const { values, lists } = await readFormLists(post('ideaId=1&ideaId=2&ideaId=3'))
    expect(values.ideaId).toBe('1')
    expect(lists.ideaId).toEqual(['1', '2', '3'])
  })

  it('answers a body that cannot be read with a 400', async () => {
    const broken = new Request('http://localhost/', {
      method: 'POST',
      body: 'x',
      headers: { 'Content-Type': 'multipart/form-data; boundary=nope' },
    })
    await expect(readForm(broken)).rejects.toMatchObject({ init: { status: 400 } })
  })
})

describe('carriesForm', () => {
  it('tells a page rendered after a form post (the POST’s headers on a GET) from a plain visit', () => {
    const afterAction = new Request('http://localhost/ideas/1', { headers: post('a=b').headers })
    expect(carriesForm(afterAction)).toBe(true)
    expect(
      carriesForm(
        new Request('http://localhost/ideas/1', {
          headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
        }),
      ),
    ).toBe(true)
    expect(carriesForm(new Request('http://localhost/ideas/1'))).toBe(false)
    expect(
      carriesForm(
        new Request('http://localhost/ideas/1', {
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
    ).toBe(false)
  })
})
