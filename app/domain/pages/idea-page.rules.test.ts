import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { COMMENT_EDIT_MINUTES } from '#app/domain/comments/comments.rules'
import { authorActions } from '#app/domain/ideas/ideas.rules'
import { defaultCalendar } from '#app/domain/promises/calendar.rules'

import {
  commentForViewer,
  ideaPageChangesAt,
  isTeamViewer,
  mayViewIdea,
  promiseClock,
} from './idea-page.rules'

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

describe('when what an idea page says from the clock next changes', () => {
  const minute = 60_000
  const t0 = Date.UTC(2026, 11, 6, 12)
  const stored = (id: number, authorId: number, createdAt: Date) => ({
    id,
    parentId: null,
    body: 'Text',
    language: null,
    channel: 'web',
    createdAt,
    editedAt: null,
    deletedAt: null,
    hiddenAt: null,
    authorId,
    authorName: 'Ann',
    authorHandle: 'ann',
    authorRole: 'customer' as const,
  })
  const pageAt = (
    input: {
      ideaAgeMinutes: number
      viewerIsAuthor: boolean
      comments: { ageMinutes: number; mine: boolean }[]
      dueInMinutes: number | null
      answered: boolean
    },
    now: number,
  ) => {
    const createdAt = new Date(t0 - input.ideaAgeMinutes * minute)
    const idea = {
      createdAt,
      answeredAt: input.answered ? new Date(t0 - minute) : null,
      firstResponseDueAt:
        input.dueInMinutes === null ? null : new Date(t0 + input.dueInMinutes * minute),
    }
    const actions = authorActions({
      isAuthor: input.viewerIsAuthor,
      createdAt,
      withdrawnAt: null,
      statusCategory: 'open',
      othersEngaged: false,
      now: new Date(now),
    })
    return {
      idea,
      authorTools: { edit: actions.edit.allowed },
      comments: input.comments.map((comment, index) =>
        commentForViewer(
          stored(index + 1, comment.mine ? 7 : 8, new Date(t0 - comment.ageMinutes * minute)),
          7,
          (text) => text,
          new Date(now),
        ),
      ),
      clock: promiseClock(idea, defaultCalendar, new Date(now)),
    }
  }

  it('says nothing changes before it: the edit windows and the promise read the same until then', () => {
    fc.assert(
      fc.property(
        fc.record({
          ideaAgeMinutes: fc.integer({ min: 0, max: 90 }),
          viewerIsAuthor: fc.boolean(),
          comments: fc.array(
            fc.record({ ageMinutes: fc.integer({ min: 0, max: 40 }), mine: fc.boolean() }),
            { maxLength: 4 },
          ),
          dueInMinutes: fc.option(fc.integer({ min: -60, max: 120 })),
          answered: fc.boolean(),
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (input, fraction) => {
          const first = pageAt(input, t0)
          const changesAt = ideaPageChangesAt(first)
          expect(changesAt).toBeGreaterThan(t0)
          const until = Math.min(changesAt, t0 + 200 * minute)
          const later = t0 + Math.floor((until - t0) * fraction * 0.999999)
          expect(pageAt(input, later)).toEqual(first)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('names the moment a comment can no longer be edited', () => {
    const first = pageAt(
      {
        ideaAgeMinutes: 60,
        viewerIsAuthor: false,
        comments: [{ ageMinutes: 5, mine: true }],
        dueInMinutes: null,
        answered: false,
      },
      t0,
    )
    const changesAt = ideaPageChangesAt(first)
    expect(changesAt).toBe(t0 + (COMMENT_EDIT_MINUTES - 5) * minute + 1)
    expect(
      pageAt(
        {
          ideaAgeMinutes: 60,
          viewerIsAuthor: false,
          comments: [{ ageMinutes: 5, mine: true }],
          dueInMinutes: null,
          answered: false,
        },
        changesAt,
      ).comments[0]!.canEdit,
    ).toBe(false)
  })
})
