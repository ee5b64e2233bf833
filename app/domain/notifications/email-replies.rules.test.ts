import { describe, expect, it } from 'vitest'

import { ideaPageView } from '#app/domain/ideas/ideas.rules'

import {
  base32,
  expiryDay,
  failedDmarc,
  isAutoReply,
  isExpired,
  LOCAL_PART_MAX,
  parseReplyToken,
  REPLY_PREFIX,
  type ReplyIdeaState,
  replyPayload,
  replyRefusalFor,
  replyTokenIn,
  stripQuotedReply,
} from './email-replies.rules'

describe('stripQuotedReply', () => {
  const cases: [string, string][] = [
    [
      'Gmail',
      'Yes, please!\n\nOn Tue, 24 Nov 2026 at 10:05, Brewhaven <reply+abc@reply.example.test> wrote:\n> Someone commented\n> on your idea',
    ],
    [
      'Gmail, header wrapped',
      'Yes, please!\n\nOn Tue, Nov 24, 2026 at 10:05 AM Brewhaven <\nreply+abc@reply.example.test> wrote:\n\n> Someone commented',
    ],
    [
      'Outlook header block',
      'Yes, please!\n\nFrom: Brewhaven <reply+abc@reply.example.test>\nSent: Tuesday, November 24, 2026 10:05 AM\nTo: Ada <ada@example.test>\nSubject: Someone commented\n\nSomeone commented on your idea',
    ],
    [
      'Outlook, bold Dutch header block',
      'Yes, please!\n\n*Van:* Brewhaven <reply+abc@reply.example.test>\n*Verzonden:* dinsdag 24 november 2026 10:05\n*Aan:* Ada\n\nIemand reageerde',
    ],
    [
      'Outlook original message',
      'Yes, please!\n\n-----Original Message-----\nFrom: Brewhaven\nSomeone commented',
    ],
    [
      'Apple Mail',
      'Yes, please!\n\nSent from my iPhone\n\n> On 24 Nov 2026, at 10:05, Brewhaven <reply+abc@reply.example.test> wrote:\n> \n> Someone commented',
    ],
    [
      'Apple Mail without footer',
      'Yes, please!\n\n> On 24 Nov 2026, at 10:05, Brewhaven <reply+abc@reply.example.test> wrote:\n>\n> Someone commented',
    ],
    [
      'Dutch',
      'Yes, please!\n\nOp di 24 nov. 2026 om 10:05 schreef Brewhaven <reply+abc@reply.example.test>:\n> Iemand reageerde',
    ],
    [
      'Dutch, header wrapped',
      'Yes, please!\n\nOp di 24 nov. 2026 om 10:05 schreef Brewhaven <\nreply+abc@reply.example.test>:\n> Iemand reageerde',
    ],
    ['signature', 'Yes, please!\n\n-- \nAda Lovelace\nAnalytical Engines Ltd'],
    ['Dutch iPhone footer', 'Yes, please!\n\nVerzonden vanaf mijn iPhone'],
    ['interleaved > quotes', '> Someone commented\nYes, please!\n> on your idea'],
  ]
  for (const [client, text] of cases) {
    it(client, () => expect(stripQuotedReply(text)).toBe('Yes, please!'))
  }

  it('keeps what the person wrote over several paragraphs, and lines that only mention writing', () => {
    expect(
      stripQuotedReply('First line.\n\nOn Monday I wrote to you about this too.\n\nThanks'),
    ).toBe('First line.\n\nOn Monday I wrote to you about this too.\n\nThanks')
  })

  it('is empty when the reply only quotes', () => {
    expect(
      stripQuotedReply('On Tue, 24 Nov 2026 at 10:05, Brewhaven wrote:\n> Someone commented'),
    ).toBe('')
  })
})

describe('reply tokens', () => {
  it('fit a local part at their largest, in lower case, and read back', () => {
    const claims = {
      recipientId: 2 ** 31 - 1,
      ideaId: 2 ** 31 - 1,
      expiresDay: expiryDay(new Date('2099-12-31T00:00:00Z')),
    }
    const token = `${replyPayload(claims)}-${base32(new Uint8Array(15).fill(255))}`
    expect(`${REPLY_PREFIX}${token}`.length).toBeLessThanOrEqual(LOCAL_PART_MAX)
    expect(token).toBe(token.toLowerCase())
    expect(parseReplyToken(token.toUpperCase())?.claims).toEqual(claims)
  })

  it('refuses what is not shaped like a token', () => {
    for (const token of [
      '',
      'abc',
      '1-2-3',
      '1-2-3-!!!!!!!!!!!!!!!!!!!!',
      '0-2-3-aaaaaaaaaaaaaaaaaaaaaaaa',
      `${'z'.repeat(11)}-1-1-${'a'.repeat(24)}`,
    ]) {
      expect(parseReplyToken(token), token).toBeNull()
    }
  })

  it('expire after their day', () => {
    const now = new Date('2026-12-04T12:00:00Z')
    const claims = { recipientId: 1, ideaId: 1, expiresDay: expiryDay(now, 0) }
    expect(isExpired(claims, now)).toBe(false)
    expect(isExpired(claims, new Date('2026-12-05T00:00:01Z'))).toBe(true)
  })

  it('are found among the recipients, whatever the case', () => {
    expect(
      replyTokenIn(
        ['ideas@brewhaven.test', '<REPLY+1-2-3-ABC@Reply.Example.Test>'],
        'reply.example.test',
      ),
    ).toBe('1-2-3-abc')
    expect(replyTokenIn(['reply+1-2-3-abc@elsewhere.test'], 'reply.example.test')).toBeNull()
  })
})

describe('isAutoReply', () => {
  const check = (headers: Record<string, unknown>, subject = 'Re: Someone commented') =>
    isAutoReply({ headers: new Map(Object.entries(headers)), subject })
  it('spots automatic messages by their headers', () => {
    expect(check({ 'auto-submitted': 'auto-replied' })).toBe(true)
    expect(check({ 'auto-submitted': { value: 'auto-generated', params: {} } })).toBe(true)
    expect(check({ 'x-autoreply': 'yes' })).toBe(true)
    expect(check({ 'x-autorespond': 'Out of office' })).toBe(true)
    for (const precedence of ['bulk', 'auto_reply', 'list'])
      expect(check({ precedence })).toBe(true)
    expect(check({ 'return-path': '<>' })).toBe(true)
  })
  it('spots out-of-office subjects in English and Dutch', () => {
    for (const subject of [
      'Out of Office: Someone commented',
      'Automatic reply: Someone commented',
      'Automatisch antwoord: Iemand reageerde',
      'Afwezig: Iemand reageerde',
      'Re: Niet aanwezig',
    ]) {
      expect(check({}, subject), subject).toBe(true)
    }
  })
  it('lets people’s replies through', () => {
    expect(
      check({
        'auto-submitted': 'no',
        precedence: 'first-class',
        'return-path': '<ada@example.test>',
      }),
    ).toBe(false)
  })
})

describe('replyRefusalFor', () => {
  const open = {
    withdrawn: false,
    hidden: false,
    held: false,
    mergedIntoId: null,
    statusSlug: 'planned',
    commentsLocked: false,
  }
  it('takes replies on open and launched ideas', () => {
    expect(replyRefusalFor(open, { isStaff: false })).toBeNull()
    expect(replyRefusalFor({ ...open, statusSlug: 'implemented' }, { isStaff: false })).toBeNull()
  })
  it('agrees with the web comment form for every status and state', () => {
    const web = (idea: ReplyIdeaState, isStaff: boolean) =>
      ideaPageView({
        withdrawn: idea.withdrawn,
        held: idea.held,
        isPublic: !idea.hidden && !idea.held,
        commentsLocked: idea.commentsLocked,
        signedIn: true,
        isAuthor: false,
        isTeam: isStaff,
      }).discussion === 'open'
    for (const statusSlug of [
      'new',
      'under-review',
      'planned',
      'in-progress',
      'implemented',
      'declined',
      'duplicate',
      null,
    ]) {
      for (const state of [
        {},
        { withdrawn: true },
        { hidden: true },
        { held: true },
        { commentsLocked: true },
      ]) {
        for (const isStaff of [false, true]) {
          const idea: ReplyIdeaState = { ...open, ...state, statusSlug }
          expect(
            replyRefusalFor(idea, { isStaff }) === null,
            `${statusSlug} ${JSON.stringify(state)} staff=${isStaff}`,
          ).toBe(web(idea, isStaff))
        }
      }
    }
  })
  it('refuses closed, hidden and locked ideas', () => {
    expect(replyRefusalFor({ ...open, statusSlug: 'declined' }, { isStaff: false })).toBeNull()
    expect(replyRefusalFor({ ...open, statusSlug: 'duplicate' }, { isStaff: true })).toBeNull()
    expect(replyRefusalFor({ ...open, mergedIntoId: 4 }, { isStaff: false })).toBe('closed')
    expect(replyRefusalFor({ ...open, withdrawn: true }, { isStaff: false })).toBe('closed')
    expect(replyRefusalFor({ ...open, hidden: true }, { isStaff: true })).toBe('hidden')
    expect(replyRefusalFor({ ...open, held: true }, { isStaff: false })).toBe('hidden')
    expect(replyRefusalFor({ ...open, commentsLocked: true }, { isStaff: false })).toBe('locked')
    expect(replyRefusalFor({ ...open, commentsLocked: true }, { isStaff: true })).toBeNull()
  })
})

describe('failedDmarc', () => {
  it('reads the receiving provider’s verdict on the From address', () => {
    expect(
      failedDmarc(
        new Map([
          [
            'authentication-results',
            'mx.google.com; dkim=none; spf=softfail; dmarc=fail (p=NONE) header.from=example.test',
          ],
        ]),
      ),
    ).toBe(true)
    expect(
      failedDmarc(
        new Map([
          [
            'authentication-results',
            ['mx.example.test; spf=pass', 'mx.example.test; dmarc=fail header.from=example.test'],
          ],
        ]),
      ),
    ).toBe(true)
    expect(
      failedDmarc(
        new Map([
          [
            'authentication-results',
            'mx.google.com; dkim=pass; spf=pass; dmarc=pass header.from=example.test',
          ],
        ]),
      ),
    ).toBe(false)
    expect(failedDmarc(new Map())).toBe(false)
  })
})
