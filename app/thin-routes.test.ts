// Routes stay thin (CONVENTIONS, rule 1: parse → check who → one domain call → respond). Every
// exported `loader` and `action` in app/routes is found with the TypeScript parser and measured, so
// a new route is held to the limit the day it is added. A body counts its statements (nested ones
// too), so neither comments nor how the formatter wraps a long call change a route's size.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const LIMIT = 12

/**
 * Today's offenders, each with its size when it was listed. An entry may only shrink: the test
 * fails when it grows, and when it fits the limit (then take it off this list, so the list stays
 * honest). Nothing is added here; a new route that needs more lines needs a domain function.
 */
const allowed: Record<string, number> = {
  'account.security.tsx action': 20,
  'account.sessions.tsx action': 13,
  'admin.api.tsx action': 17,
  'admin.intake.tsx action': 20,
  'admin.people.$userId.tsx action': 18,
  'admin.settings.tsx action': 13,
  'admin.webhooks.tsx action': 19,
}

const ROUTES_DIR = path.resolve(import.meta.dirname, 'routes')
const routeFiles = readdirSync(ROUTES_DIR)
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
  .sort()

type Measured = { name: string; lines: number } | { name: string; unmeasurable: string }

/** The exported `loader` and `action` of one route file, with the code lines of each body. */
function measure(file: string): Measured[] {
  const text = readFileSync(path.join(ROUTES_DIR, file), 'utf8')
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  )
  // Statements, not lines: how a formatter wraps a long call must not change a route's size.
  const codeLines = (node: ts.Node) => {
    let statements = 0
    const visit = (child: ts.Node) => {
      if (child.kind >= ts.SyntaxKind.FirstStatement && child.kind <= ts.SyntaxKind.LastStatement)
        statements += 1
      ts.forEachChild(child, visit)
    }
    ts.forEachChild(node, visit)
    return statements
  }
  const isRouteExport = (name: string) => name === 'loader' || name === 'action'
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
  const found: Measured[] = []
  for (const statement of source.statements) {
    if (
      ts.isFunctionDeclaration(statement) &&
      statement.name &&
      isRouteExport(statement.name.text) &&
      exported(statement)
    ) {
      found.push(
        statement.body
          ? { name: statement.name.text, lines: codeLines(statement.body) }
          : { name: statement.name.text, unmeasurable: 'no body' },
      )
    } else if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !isRouteExport(declaration.name.text)) continue
        const value = declaration.initializer
        found.push(
          value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))
            ? { name: declaration.name.text, lines: codeLines(value.body) }
            : { name: declaration.name.text, unmeasurable: 'not a function written here' },
        )
      }
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) {
        if (isRouteExport(element.name.text))
          found.push({
            name: element.name.text,
            unmeasurable: 'exported by name (write it here, so it can be measured)',
          })
      }
    }
  }
  return found
}

const measured = routeFiles.flatMap((file) =>
  measure(file).map((entry) => ({ key: `${file} ${entry.name}`, ...entry })),
)

describe('loaders and actions stay thin', () => {
  it('finds the routes', () => {
    expect(measured.filter((entry) => entry.name === 'loader').length).toBeGreaterThan(50)
    expect(measured.filter((entry) => entry.name === 'action').length).toBeGreaterThan(30)
  })

  it.each(measured)('$key fits in its lines', (entry) => {
    if ('unmeasurable' in entry)
      throw new Error(`${entry.key}: cannot be measured (${entry.unmeasurable})`)
    const ceiling = allowed[entry.key]
    if (ceiling === undefined) {
      expect(
        entry.lines,
        `${entry.key} has ${entry.lines} statements; at most ${LIMIT}: move the work into one domain call`,
      ).toBeLessThanOrEqual(LIMIT)
    } else {
      expect(
        entry.lines,
        `${entry.key} grew past its allow-listed ${ceiling} lines`,
      ).toBeLessThanOrEqual(ceiling)
      expect(
        entry.lines,
        `${entry.key} now fits in ${LIMIT} statements: take it off the allow-list`,
      ).toBeGreaterThan(LIMIT)
    }
  })

  it('allow-lists only routes that exist', () => {
    const keys = new Set(measured.map((entry) => entry.key))
    expect(Object.keys(allowed).filter((key) => !keys.has(key))).toEqual([])
  })
})
