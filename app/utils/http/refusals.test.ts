// Every reason a domain command gives for refusing maps, in one place, to the status and the message
// the edge answers with; the statuses are the ones the pages and endpoints always answered.
import { describe, expect, it } from 'vitest'

import { en } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'

import {
  accountRefusals,
  authorChangeRefusals,
  commentRefusals,
  intakeRefusals,
  mergeRefusals,
  passwordResetRefusals,
  personRefusals,
  refusalErrors,
  refusalTables,
  reportRefusals,
  signInRefusals,
  ssoFailurePages,
  ssoLinkRefusals,
  statusChangeRefusals,
  taxonomyRefusals,
} from './refusals'
import { voteAnswerMessages, voteRefusals } from './vote-answers'

describe('refusals at the edge', () => {
  it('answers comments and reports with the statuses they always had', () => {
    expect(
      Object.fromEntries(
        Object.entries(commentRefusals).map(([reason, refusal]) => [
          reason,
          [refusal.status, refusal.message],
        ]),
      ),
    ).toEqual({
      suspended: [403, 'auth.suspended'],
      tooMany: [429, 'comments.tooMany'],
      looksLikeSpam: [422, 'comments.looksLikeSpam'],
      ideaGone: [404, 'comments.ideaGone'],
      locked: [409, 'comments.locked'],
      parentGone: [404, 'comments.parentGone'],
      editWindowPassed: [403, 'comments.editWindowPassed'],
      notYours: [403, 'comments.notYours'],
    })
    expect(reportRefusals).toEqual({
      gone: { status: 404, field: null, message: 'reports.gone' },
      tooMany: { status: 429, field: null, message: 'reports.tooMany' },
    })
  })

  it('answers votes as the vote endpoint always did', () => {
    expect(
      Object.fromEntries(
        Object.entries(voteRefusals).map(([reason, refusal]) => [
          reason,
          [refusal.status, refusal.message],
        ]),
      ),
    ).toEqual({
      notFound: [404, 'votes.refused.notFound'],
      suspended: [403, 'votes.refused.suspended'],
      closed: [409, 'votes.refused.closed'],
      withdrawn: [409, 'votes.refused.withdrawn'],
      downVotesOff: [409, 'votes.refused.downVotesOff'],
      tooMany: [429, 'votes.tooMany'],
    })
    expect(accountRefusals.lastAdmin).toEqual({
      status: 409,
      field: null,
      message: 'account.data.lastAdmin',
    })
  })

  // h18reason: the back office's refusals, as its forms answered when they built the key from the error.
  it('answers the back office as its forms always did', () => {
    const table = (
      refusals: Record<string, { status: number; field: string | null; message: string }>,
    ) =>
      Object.fromEntries(
        Object.entries(refusals).map(([reason, refusal]) => [
          reason,
          [refusal.status, refusal.field, refusal.message],
        ]),
      )
    expect(table(statusChangeRefusals)).toEqual({
      forbidden: [403, null, 'admin.statusError.forbidden'],
      notFound: [409, null, 'admin.statusError.notFound'],
      sameStatus: [409, null, 'admin.statusError.sameStatus'],
      responseRequired: [400, 'response', 'admin.statusError.responseRequired'],
      retired: [409, null, 'admin.statusError.retired'],
      useMerge: [409, null, 'admin.statusError.useMerge'],
      merged: [409, null, 'admin.statusError.merged'],
      unknownStatus: [409, null, 'admin.statusError.unknownStatus'],
    })
    expect(table(mergeRefusals)).toEqual({
      forbidden: [403, 'originalId', 'admin.mergeError.forbidden'],
      notFound: [409, 'originalId', 'admin.mergeError.notFound'],
      sameIdea: [409, 'originalId', 'admin.mergeError.sameIdea'],
      originalIsMerged: [409, 'originalId', 'admin.mergeError.originalIsMerged'],
      mergedElsewhere: [409, 'originalId', 'admin.mergeError.mergedElsewhere'],
      originalWithdrawn: [409, 'originalId', 'admin.mergeError.originalWithdrawn'],
      duplicateWithdrawn: [409, 'originalId', 'admin.mergeError.duplicateWithdrawn'],
      duplicateHidden: [409, 'originalId', 'admin.mergeError.duplicateHidden'],
      originalHidden: [409, 'originalId', 'admin.mergeError.originalHidden'],
    })
    expect(table(personRefusals)).toEqual({
      forbidden: [403, null, 'admin.people.error.forbidden'],
      notFound: [409, null, 'admin.people.error.notFound'],
      self: [409, null, 'admin.people.error.self'],
    })
    expect(table(taxonomyRefusals)).toEqual({
      forbidden: [403, null, 'admin.settings.error.forbidden'],
      notFound: [409, null, 'admin.settings.error.notFound'],
      taken: [409, null, 'admin.settings.error.taken'],
      inUse: [409, null, 'admin.settings.error.inUse'],
      core: [409, null, 'admin.settings.error.core'],
    })
    expect(table(intakeRefusals)).toEqual({
      forbidden: [403, null, 'intake.error.forbidden'],
      category: [400, 'categoryId', 'ideas.form.categoryRequired'],
      categoryOfOtherKind: [400, 'categoryId', 'intake.categoryOtherKind'],
      notFound: [409, null, 'intake.error.notFound'],
      // New: a vote posted for a closed idea, said beside it (the console offers none).
      closed: [409, 'voteFor', 'intake.error.closed'],
      refused: [409, null, 'intake.error.refused'],
    })
  })

  // h18b: sign-in, single sign-on and the author's edit page, as those routes always answered.
  it('answers sign-in, single sign-on and the author’s changes as their pages always did', () => {
    const table = (
      refusals: Record<string, { status: number; field: string | null; message: string }>,
    ) =>
      Object.fromEntries(
        Object.entries(refusals).map(([reason, refusal]) => [
          reason,
          [refusal.status, refusal.field, refusal.message],
        ]),
      )
    expect(table(signInRefusals)).toEqual({
      signInFailed: [400, null, 'auth.signInFailed'],
      suspended: [400, null, 'auth.suspended'],
      ssoRequired: [400, null, 'auth.ssoRequired'],
      tooManyAttempts: [429, 'password', 'auth.tryAgainIn'],
    })
    // A reset link for an account that may not sign in: the new password is set, the answer is sign-in's.
    expect(table(passwordResetRefusals)).toEqual({
      invalidToken: [410, null, 'reset.expired'],
      suspended: [400, null, 'auth.suspended'],
    })
    expect(table(ssoLinkRefusals)).toEqual({
      signInFailed: [400, null, 'auth.signInFailed'],
      suspended: [400, null, 'auth.suspended'],
      alreadyLinked: [400, null, 'sso.link.alreadyLinked'],
      tooManyAttempts: [429, null, 'auth.tooManyAttempts'],
    })
    expect(table(authorChangeRefusals)).toEqual({
      mayNotWithdraw: [409, null, 'ideas.withdraw.notAllowed'],
      notAuthor: [409, null, 'ideas.edit.closed.notAuthor'],
      withdrawn: [409, null, 'ideas.edit.closed.withdrawn'],
      tooLate: [409, null, 'ideas.edit.closed.tooLate'],
      othersEngaged: [409, null, 'ideas.edit.closed.othersEngaged'],
      decided: [409, null, 'ideas.edit.closed.decided'],
    })
    // Pages, not refusals: a cancelled sign-in is a plain page, a provider that is away a 502.
    expect(
      Object.fromEntries(
        Object.entries(ssoFailurePages).map(([reason, page]) => [reason, page.status]),
      ),
    ).toEqual({
      unknownProvider: 404,
      providerDown: 502,
      providerError: 502,
      cancelled: 200,
      state: 400,
      code: 400,
      invalidToken: 400,
      emailNotVerified: 403,
      wrongAudience: 403,
      suspended: 403,
    })
    for (const [reason, page] of Object.entries(ssoFailurePages)) {
      expect(page.message).toBe(`sso.failure.${reason}.title`)
      expect(en, reason).toHaveProperty([page.message])
      expect(nl, reason).toHaveProperty([page.message])
    }
  })

  it('puts a refusal beside its field, or above the form', () => {
    expect(refusalErrors(mergeRefusals.sameIdea)).toEqual({
      fieldErrors: { originalId: ['admin.mergeError.sameIdea'] },
    })
    expect(refusalErrors(personRefusals.self)).toEqual({
      fieldErrors: {},
      formError: 'admin.people.error.self',
    })
  })

  it('shows the vote button the messages its JSON answer used to carry', () => {
    expect(voteAnswerMessages).toEqual({
      notFound: 'votes.refused.notFound',
      suspended: 'votes.refused.suspended',
      closed: 'votes.refused.closed',
      withdrawn: 'votes.refused.withdrawn',
      downVotesOff: 'votes.refused.downVotesOff',
      tooMany: 'votes.tooMany',
      signedOut: 'votes.signedOut',
      badRequest: 'error.badRequestText',
      invalid: 'validation.invalid',
      unavailable: 'votes.unavailable',
      failed: 'votes.failed',
    })
    for (const message of Object.values(voteAnswerMessages)) {
      expect(en, message).toHaveProperty([message])
      expect(nl, message).toHaveProperty([message])
    }
  })

  it.each(Object.entries(refusalTables))(
    '%s: every refusal is a 4xx with a message in English and Dutch',
    (_name, table) => {
      for (const [reason, refusal] of Object.entries(table)) {
        expect(refusal.status, reason).toBeGreaterThanOrEqual(400)
        expect(refusal.status, reason).toBeLessThan(500)
        expect(en, reason).toHaveProperty([refusal.message])
        expect(nl, reason).toHaveProperty([refusal.message])
      }
    },
  )
})
