import { describe, expect, it } from 'vitest'

import { defaultCalendar } from '#app/domain/promises/calendar.rules'

import { commentForViewer, isTeamViewer, mayViewIdea, promiseClock } from './idea-page.rules'

const author = { id: 7, role: 'customer' as const }
const stranger = { id: 8, role: 'customer' as const }
const moderator = { id: 9, role: 'moderator' as const }
const agent = { id: 10, role: 'agent' as const }

describe('who may see an idea', () => {
  const shown = { authorId: 7, hiddenAt: null, heldAt: null }
  const hidden = { ...shown, hiddenAt: new Date() }
  const held = { ...shown, heldAt: new Date() }

  it('shows an idea that is neither hidden nor held to everyone, signed in or not', () => {
    for (const viewer of [null, undefined, author, stranger, moderator])
      expect(mayViewIdea(shown, viewer)).toBe(true)
  })

  it('shows hidden and held ideas only to their author and the back office', () => {
    for (const idea of [hidden, held]) {
      expect(mayViewIdea(idea, author)).toBe(true)
      expect(mayViewIdea(idea, moderator)).toBe(true)
      expect(mayViewIdea(idea, { id: 11, role: 'admin' })).toBe(true)
      expect(mayViewIdea(idea, stranger)).toBe(false)
      expect(mayViewIdea(idea, null)).toBe(false)
    }
  })

  it('counts moderators and admins as the team, not other staff', () => {
    expect(isTeamViewer(moderator)).toBe(true)
    expect(isTeamViewer(agent)).toBe(false)
    expect(isTeamViewer(null)).toBe(false)
  })
})

describe('the promise clock', () => {
  const createdAt = new Date('2026-11-23T09:00:00Z') // a Monday
  const dueAt = new Date('2026-11-30T16:00:00Z')

  it('is not shown without a calendar (not the author or team) or without a promise', () => {
    expect(
      promiseClock({ createdAt, answeredAt: null, firstResponseDueAt: dueAt }, null),
    ).toBeNull()
    expect(
      promiseClock({ createdAt, answeredAt: null, firstResponseDueAt: null }, defaultCalendar),
    ).toBeNull()
  })

  it('says when the answer is due, and whether that has passed', () => {
    const idea = { createdAt, answeredAt: null, firstResponseDueAt: dueAt }
    expect(promiseClock(idea, defaultCalendar, new Date('2026-11-25T12:00:00Z'))).toEqual({
      answeredInDays: null,
      dueAt,
      overdue: false,
    })
    expect(promiseClock(idea, defaultCalendar, new Date('2026-12-01T12:00:00Z'))).toEqual({
      answeredInDays: null,
      dueAt,
      overdue: true,
    })
  })

  it('says in how many working days an answered idea was answered', () => {
    const answeredAt = new Date('2026-11-27T10:00:00Z') // that Friday
    expect(
      promiseClock({ createdAt, answeredAt, firstResponseDueAt: dueAt }, defaultCalendar),
    ).toEqual({ answeredInDays: 4, dueAt: null, overdue: false })
  })
})

describe('a comment as its viewer sees it', () => {
  const createdAt = new Date('2026-12-01T10:00:00Z')
  const stored = {
    id: 1,
    parentId: null,
    language: 'en' as const,
    channel: 'web',
    authorName: 'Ada',
    authorHandle: 'ada',
    authorId: 7,
    authorRole: 'customer' as const,
    body: 'Oat *milk*',
    createdAt,
    deletedAt: null,
    hiddenAt: null,
    editedAt: null,
  }
  const html = (body: string) => `<p>${body}</p>`
  const soon = new Date(createdAt.getTime() + 60_000)
  const later = new Date(createdAt.getTime() + 24 * 60 * 60_000)

  it('gives its author the raw text and, within the editing window, the edit form', () => {
    expect(commentForViewer(stored, 7, html, soon)).toMatchObject({
      mine: true,
      canEdit: true,
      body: 'Oat *milk*',
      html: '<p>Oat *milk*</p>',
    })
    expect(commentForViewer(stored, 7, html, later)).toMatchObject({ mine: true, canEdit: false })
  })

  it('gives everyone else the rendered text only', () => {
    for (const viewerId of [8, null, undefined])
      expect(commentForViewer(stored, viewerId, html, soon)).toMatchObject({
        mine: false,
        canEdit: false,
        body: '',
        html: '<p>Oat *milk*</p>',
      })
  })

  it('shows a hidden or deleted comment as a placeholder to everyone, its author too', () => {
    const hidden = commentForViewer({ ...stored, hiddenAt: soon }, 7, html, soon)
    expect(hidden).toMatchObject({
      deleted: true,
      hidden: true,
      canEdit: false,
      body: '',
      html: '',
    })
    const deleted = commentForViewer({ ...stored, deletedAt: soon, hiddenAt: soon }, 7, html, soon)
    expect(deleted).toMatchObject({ deleted: true, hidden: false, body: '', html: '' })
  })

  it('marks staff and edited comments and keeps the other columns', () => {
    const comment = commentForViewer(
      { ...stored, authorRole: 'moderator', editedAt: soon },
      null,
      html,
      soon,
    )
    expect(comment).toMatchObject({ id: 1, createdAt, staff: true, edited: true })
    expect(comment).toMatchObject({ parentId: null, language: 'en', channel: 'web' })
    expect(comment).toMatchObject({ authorName: 'Ada', authorHandle: 'ada' })
    // The private columns stay on the server.
    for (const column of ['authorId', 'authorRole', 'deletedAt', 'hiddenAt', 'editedAt'])
      expect(comment).not.toHaveProperty(column)
  })
})
