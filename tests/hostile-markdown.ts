// Pathological Markdown for the renderer and for every page that shows Markdown: nesting thousands
// of levels deep in every syntax that nests (quotes, lists, emphasis, links, HTML), the XSS corpus,
// entities, wide tables, very long lines, and mixes of them with random Markdown-ish text.
import fc from 'fast-check'

import { xssCorpus } from '#tests/e2e/hostile/payloads'

/** The fixed seed of these generators: a failure reproduces with the same run. */
export const MARKDOWN_SEED = 20_260_015

const lines = (count: number, line: (index: number) => string) =>
  Array.from({ length: count }, (_, index) => line(index)).join('\n')

/** Ways to nest `depth` levels deep, each as a person (or a script) would type it. */
export const nestings = {
  quotes: (depth: number) => `${'>'.repeat(depth)} deep`,
  spacedQuotes: (depth: number) => `${'> '.repeat(depth)}deep`,
  quoteStairs: (depth: number) =>
    lines(Math.min(depth, 180), (index) => `${'>'.repeat(index + 1)} step`),
  bullets: (depth: number) => `${'- '.repeat(depth)}deep`,
  stars: (depth: number) => `${'* '.repeat(depth)}deep`,
  ordered: (depth: number) => `${'1. '.repeat(depth)}deep`,
  indentedList: (depth: number) =>
    lines(Math.min(depth, 150), (index) => `${'  '.repeat(index)}- item`),
  quotedLists: (depth: number) => `${'> - '.repeat(depth)}deep`,
  emphasis: (depth: number) => `${'*'.repeat(depth)}deep${'*'.repeat(depth)}`,
  underscores: (depth: number) => `${'_'.repeat(depth)}deep${'_'.repeat(depth)}`,
  strong: (depth: number) => `${'**a '.repeat(depth)}deep${' b**'.repeat(depth)}`,
  strikethrough: (depth: number) => `${'~~a '.repeat(depth)}deep${' b~~'.repeat(depth)}`,
  links: (depth: number) => `${'[a '.repeat(depth)}deep${'](https://example.com)'.repeat(depth)}`,
  emphasisedLinks: (depth: number) =>
    `${'*[a '.repeat(depth)}deep${'](https://example.com)*'.repeat(depth)}`,
  images: (depth: number) => `${'![a '.repeat(depth)}deep${'](x)'.repeat(depth)}`,
  html: (depth: number) => `${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`,
  htmlQuotes: (depth: number) => `${'<blockquote>'.repeat(depth)}deep`,
  entities: (depth: number) =>
    `${'&amp;'.repeat(depth)}&#x${'0'.repeat(depth)};&#${'9'.repeat(depth)};`,
  backticks: (depth: number) => `${'`'.repeat(depth)}deep`,
  table: (depth: number) =>
    `${'| a '.repeat(Math.min(depth, 400))}|\n${'|---'.repeat(Math.min(depth, 400))}|\n${'| *x* '.repeat(Math.min(depth, 400))}|`,
  longLine: (depth: number) => 'word'.repeat(depth * 4),
}

type Nesting = keyof typeof nestings

/** The issue's own example: a comment of 3,500 `>`. */
export const issueExample = nestings.quotes(3_500)

/** Markdown-ish characters, so random text hits the parser's corners. */
const markdownUnit = fc.constantFrom(
  '>',
  '-',
  '*',
  '_',
  '~',
  '`',
  '[',
  ']',
  '(',
  ')',
  '!',
  '|',
  '#',
  '<',
  '/',
  '&',
  ';',
  '1',
  '.',
  ' ',
  ' ',
  '\n',
  '\t',
  'a',
  'é',
  '🧨',
)

const nested = fc
  .record({
    kind: fc.constantFrom(...(Object.keys(nestings) as Nesting[])),
    depth: fc.integer({ min: 1, max: 4_000 }),
  })
  .map(({ kind, depth }) => nestings[kind](depth))

/** One piece of pathological Markdown. */
const piece = fc.oneof(
  { weight: 6, arbitrary: nested },
  { weight: 2, arbitrary: fc.constantFrom(...xssCorpus) },
  { weight: 2, arbitrary: fc.string({ unit: markdownUnit, maxLength: 400 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
)

/**
 * Pathological Markdown: one to three pieces, one after the other, on the same line or not (so a
 * piece may sit in the deepest level of the one before). At most `maxLength` characters.
 */
export function pathologicalMarkdown({ maxLength = 20_000 }: { maxLength?: number } = {}) {
  return fc
    .tuple(
      piece,
      fc.array(fc.tuple(fc.constantFrom('\n\n', '\n', ' ', ''), piece), { maxLength: 2 }),
    )
    .map(([first, rest]) => rest.reduce((text, [glue, next]) => `${text}${glue}${next}`, first))
    .map((text) => text.slice(0, maxLength))
}
