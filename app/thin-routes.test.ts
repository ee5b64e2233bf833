// Routes stay thin (CONVENTIONS, rule 1: parse → check who → one domain call → respond). Every
// exported `loader` and `action` in app/routes is found with the TypeScript parser and measured, so
// a new route is held to the limit the day it is added. A body counts its statements (nested ones
// too), so neither comments nor how the formatter wraps a long call change a route's size.
// A form with several buttons hands each `intent` to a handler through `dispatchIntent`
// (app/utils/http/intents.server.ts): each handler in the table it is given is measured too, with
// the route's own functions it calls, so moving an action's work into a handler hides nothing. An
// action that does not dispatch must not branch on its intent by hand, neither in the route nor in
// the app's functions it calls (a domain reader that switches on the form's button is found too).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const LIMIT = 12

const APP_DIR = import.meta.dirname
const ROUTES_DIR = path.resolve(APP_DIR, 'routes')
const routeFiles = readdirSync(ROUTES_DIR)
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
  .sort()

type Measured = { name: string; lines: number } | { name: string; unmeasurable: string }

/** The exported `loader` and `action` of one route file, and each intent handler, with their statements. */
function measure(
  file: string,
  text = readFileSync(path.join(ROUTES_DIR, file), 'utf8'),
): Measured[] {
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
  const functions = topLevelFunctions(source)
  const withCalled = statementsWithCalls(functions, codeLines)
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
          ? { name: statement.name.text, lines: withCalled(statement.body) }
          : { name: statement.name.text, unmeasurable: 'no body' },
      )
    } else if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !isRouteExport(declaration.name.text)) continue
        const value = declaration.initializer
        found.push(
          value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))
            ? { name: declaration.name.text, lines: withCalled(value.body) }
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
  return [...found, ...measureIntents(source, functions, withCalled)]
}

/** What a function declared at the top of the file, or as a `const`, runs: its body. */
function topLevelFunctions(source: ts.SourceFile) {
  const bodies = new Map<string, ts.Node>()
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body)
      bodies.set(statement.name.text, statement.body)
    if (!ts.isVariableStatement(statement)) continue
    for (const declaration of statement.declarationList.declarations) {
      const value = declaration.initializer
      if (
        ts.isIdentifier(declaration.name) &&
        value &&
        (ts.isArrowFunction(value) || ts.isFunctionExpression(value))
      )
        bodies.set(declaration.name.text, value.body)
    }
  }
  return bodies
}

/**
 * A body's statements and those of the file's functions it calls (each once, however often and
 * however deep), so a loader, an action or a handler that only calls a helper of its own is not free.
 */
function statementsWithCalls(
  functions: Map<string, ts.Node>,
  codeLines: (node: ts.Node) => number,
) {
  const withCalled = (body: ts.Node, seen: Set<string>): number => {
    let statements = body.kind === ts.SyntaxKind.Block ? codeLines(body) : 1
    const visit = (child: ts.Node) => {
      if (ts.isCallExpression(child) && ts.isIdentifier(child.expression)) {
        const name = child.expression.text
        const called = functions.get(name)
        if (called && !seen.has(name)) {
          seen.add(name)
          statements += withCalled(called, seen)
        }
      }
      ts.forEachChild(child, visit)
    }
    visit(body)
    return statements
  }
  return (body: ts.Node) => withCalled(body, new Set())
}

/** `x as const`, `x satisfies T`, `(x)`: the expression inside. */
function unwrap(node: ts.Expression): ts.Expression {
  return ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isParenthesizedExpression(node)
    ? unwrap(node.expression)
    : node
}

/**
 * Every handler in the tables this file passes to `dispatchIntent`: a method, a function written in
 * the table, or the name of a function of the file. A handler counts its statements and those of
 * the file's functions it calls (each once), so a handler that only calls a helper is not free.
 */
function measureIntents(
  source: ts.SourceFile,
  functions: Map<string, ts.Node>,
  withCalled: (body: ts.Node) => number,
): Measured[] {
  const tables = new Map<string, ts.Expression>()
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue
    for (const declaration of statement.declarationList.declarations)
      if (ts.isIdentifier(declaration.name) && declaration.initializer)
        tables.set(declaration.name.text, unwrap(declaration.initializer))
  }
  const found: Measured[] = []
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'dispatchIntent'
    ) {
      const argument = node.arguments[1] && unwrap(node.arguments[1])
      const table = argument && ts.isIdentifier(argument) ? tables.get(argument.text) : argument
      if (!table || !ts.isObjectLiteralExpression(table)) {
        found.push({
          name: 'intents',
          unmeasurable:
            'dispatchIntent is given a table that is not an object written in this file',
        })
        return
      }
      for (const property of table.properties) {
        const name =
          property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
            ? `intent ${property.name.text}`
            : 'intent ?'
        const value = ts.isPropertyAssignment(property)
          ? unwrap(property.initializer)
          : ts.isShorthandPropertyAssignment(property)
            ? property.name
            : undefined
        const body = ts.isMethodDeclaration(property)
          ? property.body
          : value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))
            ? value.body
            : value && ts.isIdentifier(value)
              ? functions.get(value.text)
              : undefined
        found.push(
          body
            ? { name, lines: withCalled(body) }
            : { name, unmeasurable: 'not a function of this file' },
        )
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const measured = routeFiles.flatMap((file) =>
  measure(file).map((entry) => ({ key: `${file} ${entry.name}`, ...entry })),
)

describe('loaders and actions stay thin', () => {
  it('finds the routes', () => {
    expect(measured.filter((entry) => entry.name === 'loader').length).toBeGreaterThan(50)
    expect(measured.filter((entry) => entry.name === 'action').length).toBeGreaterThan(30)
    expect(measured.filter((entry) => entry.name.startsWith('intent ')).length).toBeGreaterThan(50)
  })

  it.each(measured)('$key fits in its lines', (entry) => {
    if ('unmeasurable' in entry)
      throw new Error(`${entry.key}: cannot be measured (${entry.unmeasurable})`)
    expect(
      entry.lines,
      `${entry.key} has ${entry.lines} statements; at most ${LIMIT}: move the work into one domain call`,
    ).toBeLessThanOrEqual(LIMIT)
  })

  it('measures each intent handler with the functions of the route it calls', () => {
    const route = `
      export async function action({ request }) {
        const values = await readForm(request)
        return dispatchIntent(values.intent, intents, { values })
      }
      function helper() { const a = 1; const b = 2; return a + b }
      async function named() { return 1 }
      const intents = {
        async method() { const x = 1; return x },
        arrow: () => helper(),
        named,
        'in-quotes': async () => { helper(); return helper() },
      } as const`
    expect(measure('example.tsx', route)).toEqual([
      { name: 'action', lines: 2 },
      { name: 'intent method', lines: 2 },
      { name: 'intent arrow', lines: 4 },
      { name: 'intent named', lines: 1 },
      { name: 'intent in-quotes', lines: 5 },
    ])
    expect(measure('example.tsx', 'const a = () => dispatchIntent(x, tableFor(x), {})')).toEqual([
      { name: 'intents', unmeasurable: expect.stringContaining('not an object') },
    ])
  })
})

/**
 * Where a route's action (with the functions it calls: the file's own, and those it imports from the
 * app's modules, however deep) branches on the form's `intent` by hand: compares it, switches on
 * it, looks a handler up by it, calls a method of it or hands it to a function, other than to hand
 * it to `dispatchIntent` (its first argument, with the functions called there, chooses the handler)
 * or to refuse every intent but the page's one (`if (form.intent !== 'save') throw …`). An action
 * that dispatches may still read its intent to name the form an answer belongs to; one that does
 * not must not branch on it at all, nor hand the form to a domain function that does.
 * `modules`: the app's modules by name (`#app/…`), for a test; by default they are read from disk.
 */
function intentsBranchedByHand(
  file: string,
  text = readFileSync(path.join(ROUTES_DIR, file), 'utf8'),
  modules?: Record<string, string>,
): string[] {
  const route = moduleOf(`#app/routes/${file.replace(/\.tsx?$/, '')}`, parse(file, text))
  const action = actionBody(route.source)
  if (!action) return []
  const loaded = new Map<string, AppModule | undefined>([[route.name, route]])
  const load = (name: string) => {
    if (!loaded.has(name)) {
      const found = modules ? { file: `${name}.ts`, text: modules[name] } : readAppModule(name)
      loaded.set(
        name,
        found?.text === undefined ? undefined : moduleOf(name, parse(found.file, found.text)),
      )
    }
    return loaded.get(name)
  }
  const branches: string[] = []
  let dispatches = false
  const seen = new Set<string>()
  // `choosing`: inside dispatchIntent's first argument, where reading the intent chooses the handler.
  const visit = (node: ts.Node, choosing: boolean, module: AppModule) => {
    if (!choosing && readsIntent(node) && branchesOn(node)) {
      const line = module.source.getLineAndCharacterOfPosition(node.getStart()).line + 1
      const where = module === route ? `line ${line}` : `${module.name} line ${line}`
      branches.push(`${where}: ${node.parent.getText(module.source).slice(0, 70)}`)
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text
      if (name === 'dispatchIntent') {
        dispatches = true
        const [chosen, ...rest] = node.arguments
        if (chosen) visit(chosen, true, module)
        for (const argument of rest) visit(argument, choosing, module)
        return
      }
      const called = calledFunction(module, name, load)
      if (called && !seen.has(called.key)) {
        seen.add(called.key)
        visit(called.body, choosing, called.module)
      }
    }
    ts.forEachChild(node, (child) => visit(child, choosing, module))
  }
  visit(action, false, route)
  return dispatches ? [] : branches
}

/** A module of the app as the intent check reads it: its name (`#app/…`), functions and imports. */
type AppModule = {
  name: string
  source: ts.SourceFile
  functions: Map<string, ts.Node>
  /** Each name imported (values only): the module it is imported from, and its name there. */
  imports: Map<string, { from: string; name: string }>
}

function moduleOf(name: string, source: ts.SourceFile): AppModule {
  const imports = new Map<string, { from: string; name: string }>()
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      continue
    const clause = statement.importClause
    const from = appModuleName(statement.moduleSpecifier.text, name)
    if (!from || !clause || clause.isTypeOnly || !clause.namedBindings) continue
    if (!ts.isNamedImports(clause.namedBindings)) continue
    for (const element of clause.namedBindings.elements)
      if (!element.isTypeOnly)
        imports.set(element.name.text, { from, name: (element.propertyName ?? element.name).text })
  }
  return { name, source, functions: topLevelFunctions(source), imports }
}

/** The app's module an import names (`#app/…`, or relative to the importing module); undefined for a package. */
function appModuleName(specifier: string, importer: string) {
  if (specifier.startsWith('#app/')) return specifier
  if (specifier.startsWith('.')) return path.posix.join(path.posix.dirname(importer), specifier)
  return undefined
}

/** An app module (`#app/…`) from disk, its file and text, or undefined when it is no TypeScript module. */
function readAppModule(name: string) {
  const base = path.join(APP_DIR, name.slice('#app/'.length))
  const file = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find(existsSync)
  return file ? { file, text: readFileSync(file, 'utf8') } : undefined
}

/** The function a call by this name runs: the module's own, or one it imports from the app. */
function calledFunction(
  module: AppModule,
  name: string,
  load: (name: string) => AppModule | undefined,
): { key: string; body: ts.Node; module: AppModule } | undefined {
  const own = module.functions.get(name)
  if (own) return { key: `${module.name}#${name}`, body: own, module }
  const imported = module.imports.get(name)
  const from = imported && load(imported.from)
  const body = imported && from?.functions.get(imported.name)
  return from && body ? { key: `${from.name}#${imported!.name}`, body, module: from } : undefined
}

function parse(file: string, text: string) {
  return ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  )
}

/** The body of the exported `action`, written in the file. */
function actionBody(source: ts.SourceFile) {
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === 'action')
      return statement.body
    if (!ts.isVariableStatement(statement)) continue
    for (const declaration of statement.declarationList.declarations) {
      const value = declaration.initializer
      if (
        ts.isIdentifier(declaration.name) &&
        declaration.name.text === 'action' &&
        value &&
        (ts.isArrowFunction(value) || ts.isFunctionExpression(value))
      )
        return value.body
    }
  }
  return undefined
}

/** `form.intent`, `form['intent']`, or a variable named `intent` (as `const { intent } = form` makes). */
function readsIntent(node: ts.Node) {
  if (ts.isPropertyAccessExpression(node)) return node.name.text === 'intent'
  if (ts.isElementAccessExpression(node))
    return (
      ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'intent'
    )
  if (!ts.isIdentifier(node) || node.text !== 'intent') return false
  const parent = node.parent
  // A name (a property's, a declaration's, a parameter's) is not a read of the variable.
  return !(
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    ((ts.isVariableDeclaration(parent) ||
      ts.isBindingElement(parent) ||
      ts.isParameter(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isMethodDeclaration(parent)) &&
      parent.name === node) ||
    (ts.isBindingElement(parent) && parent.propertyName === node)
  )
}

const comparisons = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
])

/** Whether the value read is branched on where it is used (see `intentsBranchedByHand`). */
function branchesOn(read: ts.Node): boolean {
  // The value itself, passed through: `(x)`, `x ?? ''`, `c ? x : y`, `x as T`, `x!`.
  let value: ts.Node = read
  let use = read.parent
  while (
    ts.isParenthesizedExpression(use) ||
    ts.isAsExpression(use) ||
    ts.isNonNullExpression(use) ||
    (ts.isConditionalExpression(use) && use.condition !== value) ||
    (ts.isBinaryExpression(use) &&
      (use.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        use.operatorToken.kind === ts.SyntaxKind.BarBarToken))
  ) {
    value = use
    use = use.parent
  }
  if (ts.isBinaryExpression(use) && comparisons.has(use.operatorToken.kind))
    return !isSingleIntentGuard(use, value)
  if (ts.isSwitchStatement(use)) return use.expression === value
  if (ts.isElementAccessExpression(use)) return use.argumentExpression === value
  if (ts.isPropertyAccessExpression(use)) return use.expression === value
  if (ts.isCallExpression(use)) return use.arguments.includes(value as ts.Expression)
  return false
}

/** `if (form.intent !== 'save') throw …` (or return): the page's one intent, every other refused. */
function isSingleIntentGuard(comparison: ts.BinaryExpression, value: ts.Node) {
  if (
    comparison.operatorToken.kind !== ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    !ts.isStringLiteralLike(comparison.left === value ? comparison.right : comparison.left)
  )
    return false
  const guard = comparison.parent
  if (!ts.isIfStatement(guard) || guard.expression !== comparison || guard.elseStatement)
    return false
  const leaves = (statement: ts.Statement): boolean =>
    ts.isThrowStatement(statement) ||
    ts.isReturnStatement(statement) ||
    (ts.isBlock(statement) &&
      statement.statements.length > 0 &&
      leaves(statement.statements[statement.statements.length - 1]!))
  return leaves(guard.thenStatement)
}

const routesWithActions = routeFiles.filter((file) =>
  actionBody(
    ts.createSourceFile(
      file,
      readFileSync(path.join(ROUTES_DIR, file), 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    ),
  ),
)

describe('a form with several intents hands them to dispatchIntent', () => {
  it('finds the actions', () => {
    expect(routesWithActions.length).toBeGreaterThan(30)
  })

  it.each(routesWithActions)('%s branches on its intent only through dispatchIntent', (file) => {
    expect(
      intentsBranchedByHand(file),
      `${file}: a form with several buttons names each handler in a table given to dispatchIntent (app/utils/http/intents.server.ts)`,
    ).toEqual([])
  })

  it('finds an intent branched on by hand, however it is written', () => {
    const action = (body: string, rest = '') =>
      `export async function action({ request }) {\n${body}\n}\n${rest}`
    const branched = {
      ifElse: action(`const values = await readForm(request)
        if (values.intent === 'a') return one()
        return two()`),
      ternaryOnParsed: action(`const parsed = validate(schema, await readForm(request))
        return parsed.data.intent === 'a' ? one() : two()`),
      switchOnDestructured: action(`const { intent } = await readForm(request)
        switch (intent) { case 'a': return one(); default: return two() }`),
      table: action(`const values = await readForm(request)
        return handlers[values['intent']]()`),
      passedOn: action(`const values = await readForm(request)
        return save({ approve: values.intent === 'approve' })`),
      inAHelper: action(
        `return answer(await readForm(request))`,
        `function answer(values) {
        return values.intent === 'a' ? one() : two()
      }`,
      ),
      guardThenBranch: action(`const values = await readForm(request)
        if (values.intent !== 'a') throw new Response('', { status: 400 })
        return values.intent === 'a' ? one() : two()`),
    }
    for (const [how, text] of Object.entries(branched))
      expect(intentsBranchedByHand('example.tsx', text), how).not.toEqual([])
  })

  it('follows the form into the functions the action imports from the app, however deep', () => {
    const modules = {
      '#app/domain/example/read.server': `import { choose } from './choose'
        export function readCommand(values) { return choose(values) }`,
      '#app/domain/example/choose': `export const choose = (values) =>
        values.intent === 'preview' ? { preview: true } : { post: true }`,
      '#app/domain/example/plain.server': `export function save(values) { return values.title }`,
    }
    const action = (body: string) =>
      `import { readCommand } from '#app/domain/example/read.server'
      import { save } from '#app/domain/example/plain.server'
      export async function action({ request }) {\n${body}\n}`
    expect(
      intentsBranchedByHand(
        'example.tsx',
        action(`return answer(readCommand(await readForm(request)))`),
        modules,
      ),
    ).toEqual([expect.stringMatching(/^#app\/domain\/example\/choose line 2: /)])
    // A function of the app that does not read the intent is no branch; a dispatch is none either.
    expect(
      intentsBranchedByHand('example.tsx', action(`return save(await readForm(request))`), modules),
    ).toEqual([])
    expect(
      intentsBranchedByHand(
        'example.tsx',
        action(`const values = await readForm(request)
          return dispatchIntent(values.intent, { a: () => readCommand(values) }, {})`),
        modules,
      ),
    ).toEqual([])
  })

  it('accepts a dispatch, however its intent is chosen, and a page with one intent', () => {
    const action = (body: string, rest = '') =>
      `export async function action({ request }) {\n${body}\n}\n${rest}`
    const accepted = {
      dispatched: action(`const values = await readForm(request)
        return dispatchIntent(values.intent, intents, { values })`),
      chosenInline: action(`const values = await readForm(request)
        return dispatchIntent(values.voteFor ? 'vote' : values.intent, intents, { values })`),
      chosenByAHelper: action(
        `const values = await readForm(request)
        return dispatchIntent(intentOf(values), intents, { values })`,
        `function intentOf(values) { return values.enter ? 'find' : values.intent }`,
      ),
      oneIntent: action(`const values = await readForm(request)
        if (values.intent !== 'save') throw new Response('Unknown intent', { status: 400 })
        return save(values)`),
      noIntent: action(`return save(await readForm(request))`),
      handlerReadsNothing: action(
        `return dispatchIntent((await readForm(request)).intent, intents, {})`,
        `const intents = { a: () => one(), b: () => two() }`,
      ),
    }
    for (const [how, text] of Object.entries(accepted))
      expect(intentsBranchedByHand('example.tsx', text), how).toEqual([])
  })
})
