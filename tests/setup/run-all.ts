// `npm test`: the whole suite, in three streams side by side that keep both cores of a small machine
// busy until the end:
// - the static checks (types, lint, format, unused code), then, when the suite runs on a PostgreSQL
//   server (DATABASE_URL set, as in CI), the PGlite pass: the integration tests whose outcome can
//   differ on the embedded database, on it;
// - the vitest suite;
// - the reliability suite (which makes the production build), then the browser journeys (which serve
//   it).
// As two rounds (the journeys alone after the rest) the run left part of the machine idle at the end
// of each round (docs/decisions/053-tests-in-three-streams.md).
//
// Vitest's output streams as it comes, and Playwright's line by line, each line marked; the others'
// is printed whole when they end, so no two are interleaved within a line. A failed step fails the
// run (non-zero exit), after every stream has ended.
import { spawn } from 'node:child_process'

// A young generation of 64 MB a semi-space (Node's default: 16) for every tool and test process
// (the app servers the tests start keep their own, SERVER_NODE_ARGS): fewer scavenges, less CPU
// (measured alone 2026-12-08: tsc 13 %, ESLint 8 %, two integration files 3-8 %) on a machine
// whose two cores the suite keeps busy. NODE_OPTIONS comes before a process's own flags, which win.
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--max-semi-space-size=64']
  .filter(Boolean)
  .join(' ')

type Finished = { name: string; code: number; output?: string; seconds?: number }

/** `stream`: printed as it comes, whole (`true`), or line by line after a mark of its own. */
type Step = { name: string; command: string[]; stream?: boolean | string }

/** Writes each whole line of the chunks it is given after `mark`, and the rest when flushed. */
function markedLines(mark: string) {
  let rest = ''
  return {
    write(chunk: Buffer) {
      const lines = (rest + chunk.toString('utf8')).split('\n')
      rest = lines.pop() ?? ''
      for (const line of lines) process.stdout.write(`${mark}${line}\n`)
    },
    flush() {
      if (rest) process.stdout.write(`${mark}${rest}\n`)
      rest = ''
    },
  }
}

function run({ name, command, stream = false }: Step): Promise<Finished> {
  const started = Date.now()
  return new Promise((resolve) => {
    const [file, ...args] = command
    const child = spawn(file!, args, {
      stdio: stream === true ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      // Marked lines: Playwright's list reporter without colour codes (one line per test).
      env: typeof stream === 'string' ? { ...process.env, FORCE_COLOR: '0' } : process.env,
    })
    const chunks: Buffer[] = []
    const marked = typeof stream === 'string' ? markedLines(stream) : undefined
    const take = (chunk: Buffer) => (marked ? marked.write(chunk) : chunks.push(chunk))
    child.stdout?.on('data', take)
    child.stderr?.on('data', take)
    child.on('error', (error) => take(Buffer.from(`${String(error)}\n`)))
    child.on('close', (code, signal) => {
      marked?.flush()
      const seconds = Math.round((Date.now() - started) / 1000)
      console.log(`\n==== ${name}: ${code === 0 ? 'passed' : 'failed'} in ${seconds} s ====`)
      resolve({
        name,
        code: code ?? (signal ? 1 : 0),
        output: stream ? undefined : Buffer.concat(chunks).toString('utf8'),
        seconds,
      })
    })
  })
}

/**
 * Steps that run one after another, as one step that fails when one of them does. Each runs even
 * when one before it failed: a failed check must not hide what the PGlite pass finds, nor a failed
 * reliability scenario the journeys' (which build the site themselves when no build was made).
 */
async function inOrder(steps: Step[]): Promise<Finished> {
  const outputs: string[] = []
  let code = 0
  for (const step of steps) {
    const finished = await run(step)
    outputs.push(`---- ${step.name} (${finished.seconds} s) ----\n${finished.output ?? ''}`)
    code ||= finished.code
  }
  return { name: steps.map((step) => step.name).join(', then '), code, output: outputs.join('\n') }
}

async function all(steps: Promise<Finished>[]) {
  const started = Date.now()
  const finished = await Promise.all(steps)
  for (const step of finished) {
    if (step.output?.trim()) process.stdout.write(`\n==== ${step.name} ====\n${step.output}`)
  }
  const failed = finished.filter((step) => step.code !== 0)
  const seconds = Math.round((Date.now() - started) / 1000)
  console.log(
    `\n==== npm test: ${failed.length ? `failed: ${failed.map((step) => `${step.name} (exit ${step.code})`).join(', ')}` : 'passed'} in ${seconds} s ====`,
  )
  if (failed.length) process.exit(1)
}

const npx = (...args: string[]) => ['npx', ...args]

const checks: Step = {
  name: 'checks (types, lint, format, unused code)',
  command: ['npm', 'run', '-s', 'check'],
}
// Without DATABASE_URL the whole vitest suite already runs on PGlite.
const pglitePass: Step[] = process.env.DATABASE_URL
  ? [{ name: 'PGlite pass', command: npx('tsx', 'tests/setup/pglite-pass.ts') }]
  : []
const journeys: Step[] = [
  // The reliability suite makes the production build the journeys serve, so it runs first. Put
  // after the checks instead, so that it ran at the same time as the journeys (2026-12-08), the
  // whole run was slower (708 against 666 s).
  { name: 'reliability', command: npx('tsx', 'tests/reliability/run.ts') },
  { name: 'browser journeys', command: ['npm', 'run', '-s', 'test:e2e'], stream: '[e2e] ' },
]

await all([
  inOrder([checks, ...pglitePass]),
  run({ name: 'vitest', command: npx('vitest', 'run'), stream: true }),
  inOrder(journeys),
])
