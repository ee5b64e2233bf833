import { describe, expect, it } from 'vitest'

import { roles } from '#app/domain/accounts/accounts.rules'
import { mayBeMentioned } from '#app/domain/accounts/accounts.rules'
import { COMMENT_EDIT_MINUTES } from '#app/domain/comments/comments.rules'
import { preferenceTypes } from '#app/domain/mail/mail.rules'
import { translator } from '#app/utils/i18n/i18n'

import {
  COMMENT_EMAIL_WAIT_MINUTES,
  commentGone,
  emailHeadline,
  emailWaitsForEditWindow,
  headlineParams,
  inAppHeadline,
  preferenceTypesFor,
  titleWithoutUpdatePrefix,
} from './notifications.rules'

describe('preferenceTypesFor', () => {
  it('offers the mention setting only to people who can be mentioned, and every other setting to everyone', () => {
    for (const role of roles) {
      const offered = preferenceTypesFor(role)
      expect(offered.includes('mention'), role).toBe(mayBeMentioned(role))
      expect(offered.filter((type) => type !== 'mention')).toEqual(
        preferenceTypes.filter((type) => type !== 'mention'),
      )
    }
  })
})

describe('titleWithoutUpdatePrefix', () => {
  it('drops a leading "You asked, we built" in either language, whatever its case and punctuation', () => {
    expect(
      titleWithoutUpdatePrefix('You asked, we built: oat milk at no extra charge, and more'),
    ).toBe('oat milk at no extra charge, and more')
    expect(titleWithoutUpdatePrefix('you asked, we built — Honey syrup')).toBe('Honey syrup')
    expect(
      titleWithoutUpdatePrefix('Jullie vroegen, wij bouwden: havermelk zonder meerprijs'),
    ).toBe('havermelk zonder meerprijs')
  })

  it('keeps every other title as it is, and a title that is only the phrase', () => {
    expect(titleWithoutUpdatePrefix('Honey syrup is here')).toBe('Honey syrup is here')
    expect(titleWithoutUpdatePrefix('What you asked, we built')).toBe('What you asked, we built')
    expect(titleWithoutUpdatePrefix('You asked, we built')).toBe('You asked, we built')
  })
})

describe('an update’s headline', () => {
  const headlines = (updateTitle: string, locale: 'en' | 'nl') => {
    const event = {
      type: 'update' as const,
      payload: {},
      actorName: null,
      ideaTitle: null,
      updateTitle,
    }
    const params = headlineParams(event, { locale, someone: '', formerMember: '', date: '' })
    const t = translator(locale)
    return [t(inAppHeadline(event), params), t(emailHeadline(event), params)]
  }

  it('says "You asked, we built" once, whatever the title starts with, in either language', () => {
    for (const locale of ['en', 'nl'] as const) {
      for (const title of [
        'You asked, we built: oat milk at no extra charge',
        'Jullie vroegen, wij bouwden: havermelk zonder meerprijs',
        'You asked, we built',
        'You asked, we built!',
        'You asked, we built it: a refill station',
        'Jullie vroegen, wij bouwden het: een tappunt',
      ]) {
        for (const headline of headlines(title, locale)) {
          const said =
            headline.toLowerCase().split('you asked, we built').length -
            1 +
            headline.toLowerCase().split('jullie vroegen, wij bouwden').length -
            1
          expect(said, `${locale}: ${headline}`).toBe(1)
        }
      }
      const [plain] = headlines('Honey syrup is here', locale)
      expect(plain).toBe(
        translator(locale)('notifications.update', { title: 'Honey syrup is here' }),
      )
    }
  })
})

describe('who a headline names', () => {
  it('names a deleted account as a former member, and no account as someone, in either language', () => {
    for (const locale of ['en', 'nl'] as const) {
      const t = translator(locale)
      const names = {
        someone: t('notifications.someone'),
        formerMember: t('notifications.formerMember'),
      }
      const line = (actorName: string | null) =>
        t(
          'notifications.comment',
          headlineParams(
            { type: 'comment', payload: {}, actorName, ideaTitle: 'Oat milk', updateTitle: null },
            { locale, ...names, date: '' },
          ),
        )
      expect(line('')).toBe(
        t('notifications.comment', { name: names.formerMember, title: 'Oat milk' }),
      )
      expect(line('')).toMatch(/^(A former member|Een voormalig lid) /)
      expect(line(null).startsWith(names.someone)).toBe(true)
      expect(line('Ann').startsWith('Ann ')).toBe(true)
    }
  })
})

describe('commentGone', () => {
  it('is a comment or reply notification whose comment was deleted or hidden, and nothing else', () => {
    const when = new Date('2026-01-01T00:00:00Z')
    for (const type of Object.keys(
      emailWaitsForEditWindow,
    ) as (keyof typeof emailWaitsForEditWindow)[]) {
      for (const commentDeleted of [null, when])
        for (const commentHidden of [null, when])
          expect(commentGone({ type, commentDeleted, commentHidden }), type).toBe(
            (type === 'comment' || type === 'reply') &&
              (commentDeleted !== null || commentHidden !== null),
          )
    }
  })
})

describe('an email about a comment', () => {
  it('waits one minute past the comment’s edit window, so an edit made at its end is in it', () => {
    expect(COMMENT_EMAIL_WAIT_MINUTES).toBe(COMMENT_EDIT_MINUTES + 1)
  })
})
