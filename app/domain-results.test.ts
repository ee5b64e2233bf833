// Domain results have one shape (CONVENTIONS.md, rule 13): `{ ok: true, … } | { ok: false, reason }`,
// the reason a code the edge maps to a status and a message (app/utils/http/refusals.ts). Checked
// over the source, every object and type literal under app/domain that says `ok: false`, so a new
// command cannot quietly answer `{ ok: false, error }` or a bare `{ ok: false }` again.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')

const domainFiles = readdirSync(path.join(root, 'app/domain'), {
  recursive: true,
  encoding: 'utf8',
})
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
  .map((file) => path.join('app/domain', file).split(path.sep).join('/'))
  .sort()

/**
 * Files whose refusals another branch reshapes (the brief of h18reason leaves posting's internals
 * to their owner). Listed only while they still break the rule: the last test below fails once one
 * is fixed, so the exception is removed with it.
 */
const reshapedElsewhere: string[] = []

const unwrap = (node: ts.Node): ts.Node =>
  ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)
    ? unwrap(node.expression)
    : node

const nameOf = (member: ts.ObjectLiteralElementLike | ts.TypeElement) =>
  member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
    ? member.name.text
    : undefined

/** `ok: false` (or `false as const`) in an object literal, `ok: false` in a type literal. */
function saysNotOk(member: ts.ObjectLiteralElementLike | ts.TypeElement) {
  if (nameOf(member) !== 'ok') return false
  if (ts.isPropertyAssignment(member))
    return unwrap(member.initializer).kind === ts.SyntaxKind.FalseKeyword
  if (ts.isPropertySignature(member) && member.type && ts.isLiteralTypeNode(member.type))
    return member.type.literal.kind === ts.SyntaxKind.FalseKeyword
  return false
}

const parse = (file: string) =>
  ts.createSourceFile(
    file,
    readFileSync(path.join(root, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  )

/** Each `ok: false` literal of a file without a `reason` beside it, as `line: text`. */
function refusalsWithoutReason(file: string) {
  const source = parse(file)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    const members = ts.isObjectLiteralExpression(node)
      ? node.properties
      : ts.isTypeLiteralNode(node)
        ? node.members
        : undefined
    if (members?.some(saysNotOk) && !members.some((member) => nameOf(member) === 'reason')) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source))
      found.push(`${line + 1}: ${node.getText(source).replace(/\s+/g, ' ')}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** Each `status: <an HTTP status number>` of a file's object literals: the edge chooses statuses, not the domain. */
function httpStatuses(file: string) {
  const source = parse(file)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && nameOf(node) === 'status') {
      const value = unwrap(node.initializer)
      if (ts.isNumericLiteral(value) && Number(value.text) >= 100 && Number(value.text) <= 599) {
        found.push(
          `${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${node.getText(source)}`,
        )
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('domain results have one shape', () => {
  it('finds the domain code', () => {
    expect(domainFiles.length).toBeGreaterThan(50)
    for (const file of reshapedElsewhere) expect(domainFiles).toContain(file)
  })

  it.each(domainFiles.filter((file) => !reshapedElsewhere.includes(file)))(
    '%s: every `ok: false` gives a reason',
    (file) => {
      expect(refusalsWithoutReason(file)).toEqual([])
    },
  )

  it.each(domainFiles)('%s: chooses no HTTP status', (file) => {
    expect(httpStatuses(file)).toEqual([])
  })

  it('sees a refusal without a reason (the check can fail)', () => {
    expect(reshapedElsewhere.map((file) => [file, refusalsWithoutReason(file).length > 0])).toEqual(
      reshapedElsewhere.map((file) => [file, true]),
    )
  })
})
