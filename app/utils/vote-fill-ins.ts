// The viewer's votes on a list of idea cards as strings filled into a kept page (docs/decisions/041),
// so that people who voted differently share one rendered page and one encoded payload. A route's
// data carries the votes of its cards as one string (`cardVotes`: "up none down …", a string no other
// part of the payload holds, which turbo-stream would otherwise write once and refer to). Rendering a
// template, that string is a sentinel (page-templates.server.ts): `cardVote` then gives each card a
// stand-in, and `voteButtons` renders the stand-ins of the four attributes a vote changes (each
// button's value and whether it is pressed), which `voteButtonStrings` fills in for a viewer.
import type { VoteDirection } from '#app/domain/votes/votes.rules'

/** A template's sentinel (page-templates.server.ts `sentinel`; vote-fill-ins.test.ts holds them equal). */
const standIn = (index: number) => `\uE000${index}\uE001`
const STAND_IN = /^\uE000(\d+)\uE001$/

/** The attributes a card's vote changes, in the order `voteButtonStrings` gives them. */
const ATTRIBUTES = 4

/** The viewer's votes on a page of cards, in the cards' order, as one string. */
export function cardVotes(votes: readonly VoteDirection[]) {
  return votes.join(' ')
}

/** Card `index`'s vote from `cardVotes`' string; rendering a template, a stand-in for it. */
export function cardVote(votes: string, index: number): VoteDirection {
  const template = STAND_IN.exec(votes)
  if (template) return standIn(Number(template[1]) + 1 + index * ATTRIBUTES) as VoteDirection
  const vote = votes.split(' ')[index]
  return vote === 'up' || vote === 'down' ? vote : 'none'
}

/** What a vote sets on the vote buttons: each button's value (the vote it casts) and whether it is pressed. */
export function voteButtons(direction: VoteDirection): {
  up: string
  upPressed: boolean | string
  down: string
  downPressed: boolean | string
} {
  const template = STAND_IN.exec(direction)
  if (template) {
    const first = Number(template[1])
    return {
      up: standIn(first),
      upPressed: standIn(first + 1),
      down: standIn(first + 2),
      downPressed: standIn(first + 3),
    }
  }
  return {
    up: direction === 'up' ? 'none' : 'up',
    upPressed: direction === 'up',
    down: direction === 'down' ? 'none' : 'down',
    downPressed: direction === 'down',
  }
}

/** The strings filled in for `cardVotes`' string, in the order of its cards' stand-ins. */
export function voteButtonStrings(votes: string): string[] {
  if (votes === '') return []
  const strings: string[] = []
  // As cardVote reads them: anything but up or down is none.
  for (const vote of votes.split(' '))
    strings.push(...(BUTTON_STRINGS[vote as VoteDirection] ?? BUTTON_STRINGS.none))
  return strings
}

const BUTTON_STRINGS = Object.fromEntries(
  (['up', 'down', 'none'] as const).map((direction) => {
    const buttons = voteButtons(direction)
    return [
      direction,
      [buttons.up, String(buttons.upPressed), buttons.down, String(buttons.downPressed)],
    ]
  }),
) as unknown as Record<VoteDirection, readonly string[]>
