// Every reason a domain command gives for refusing maps, in one place, to the status and the message
// the edge answers with; the statuses are the ones the pages and endpoints always answered.
import { describe, expect, it } from 'vitest'
import { en } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'
import { accountRefusals, commentRefusals, refusalTables, reportRefusals, voteRefusals } from './refusals'

describe('refusals at the edge', () => {
  it('answers comments and reports with the statuses they always had', () => {
    expect(Object.fromEntries(Object.entries(commentRefusals).map(([reason, refusal]) => [reason, [refusal.status, refusal.message]]))).toEqual({
      suspended: [403, 'auth.suspended'],
      tooMany: [429, 'comments.tooMany'],
      looksLikeSpam: [422, 'comments.looksLikeSpam'],
      ideaGone: [404, 'comments.ideaGone'],
      locked: [409, 'comments.locked'],
      parentGone: [404, 'comments.parentGone'],
      editWindowPassed: [403, 'comments.editWindowPassed'],
      notYours: [403, 'comments.notYours'],
    })
    expect(reportRefusals).toEqual({ gone: { status: 404, field: null, message: 'reports.gone' }, tooMany: { status: 429, field: null, message: 'reports.tooMany' } })
  })

  it('answers votes as the vote endpoint always did', () => {
    expect(Object.fromEntries(Object.entries(voteRefusals).map(([reason, refusal]) => [reason, [refusal.status, refusal.message]]))).toEqual({
      notFound: [404, 'votes.refused.notFound'],
      suspended: [403, 'votes.refused.suspended'],
      closed: [409, 'votes.refused.closed'],
      withdrawn: [409, 'votes.refused.withdrawn'],
      downVotesOff: [409, 'votes.refused.downVotesOff'],
      tooMany: [429, 'votes.tooMany'],
    })
    expect(accountRefusals.lastAdmin).toEqual({ status: 409, field: null, message: 'account.data.lastAdmin' })
  })

  it.each(Object.entries(refusalTables))('%s: every refusal is a 4xx with a message in English and Dutch', (_name, table) => {
    for (const [reason, refusal] of Object.entries(table)) {
      expect(refusal.status, reason).toBeGreaterThanOrEqual(400)
      expect(refusal.status, reason).toBeLessThan(500)
      expect(en, reason).toHaveProperty([refusal.message])
      expect(nl, reason).toHaveProperty([refusal.message])
    }
  })
})
