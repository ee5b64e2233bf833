// `npm test`: the whole suite, in two rounds that keep both cores of a small machine busy.
//
// Round 1, side by side: the static checks (types, lint, format, unused code), the vitest suite,
// and the reliability suite (which makes the production build the journeys use) followed, when the
// suite runs on a PostgreSQL server (DATABASE_URL set, as in CI), by the PGlite pass: the
// integration tests whose outcome can differ on the embedded database, on it. Run one after another they left
// a core idle most of the time: the checks use ~1.2 cores, vitest about as much while it waits on
// the database, and the reliability run spends most of its minute waiting (a killed instance, a
// stopped database, mail draining).
// Round 2, alone: the browser journeys, which keep both cores busy by themselves and whose waits
// for the page must not compete with anything else.
//
// Vitest's and Playwright's output streams as it comes; the others' is printed whole when their
// round ends, so no two are interleaved. A failed round ends the run with a non-zero exit.
import { spawn } from 'node:child_process'

type Finished = { name: string; code: number; output?: string }

type Step = { name: string; command: string[]; stream?: boolean }

function run({ name, command, stream = false }: Step): Promise<Finished> {
  return new Promise((resolve) => {
    const [file, ...args] = command
    const child = spawn(file!, args, { stdio: stream ? 'inherit' : ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', (error) => chunks.push(Buffer.from(`${String(error)}\n`)))
    child.on('close', (code, signal) =>
      resolve({
        name,
        code: code ?? (signal ? 1 : 0),
        output: stream ? undefined : Buffer.concat(chunks).toString('utf8'),
      }),
    )
  })
}

/** Steps that run one after another, as one step: stops at the first that fails. */
async function inOrder(name: string, steps: Step[]): Promise<Finished> {
  const outputs: string[] = []
  for (const step of steps) {
    const finished = await run(step)
    outputs.push(`---- ${step.name} ----\n${finished.output ?? ''}`)
    if (finished.code !== 0) return { name, code: finished.code, output: outputs.join('\n') }
  }
  return { name, code: 0, output: outputs.join('\n') }
}

async function round(title: string, steps: Promise<Finished>[]) {
  const started = Date.now()
  const finished = await Promise.all(steps)
  for (const step of finished) {
    if (step.output?.trim()) process.stdout.write(`\n==== ${step.name} ====\n${step.output}`)
  }
  const failed = finished.filter((step) => step.code !== 0)
  const seconds = Math.round((Date.now() - started) / 1000)
  console.log(
    `\n==== ${title}: ${failed.length ? `failed: ${failed.map((step) => `${step.name} (exit ${step.code})`).join(', ')}` : 'passed'} in ${seconds} s ====`,
  )
  if (failed.length) process.exit(1)
}

const npx = (...args: string[]) => ['npx', ...args]

// Without DATABASE_URL the whole vitest suite already runs on PGlite.
const beside: Step[] = [{ name: 'reliability', command: npx('tsx', 'tests/reliability/run.ts') }]
if (process.env.DATABASE_URL)
  beside.push({ name: 'PGlite pass', command: npx('tsx', 'tests/setup/pglite-pass.ts') })

await round('round 1: checks, vitest, reliability and PGlite pass', [
  run({
    name: 'checks (types, lint, format, unused code)',
    command: ['npm', 'run', '-s', 'check'],
  }),
  run({ name: 'vitest', command: npx('vitest', 'run'), stream: true }),
  inOrder(beside.map((step) => step.name).join(', then '), beside),
])
await round('round 2: browser journeys', [
  run({ name: 'e2e', command: ['npm', 'run', '-s', 'test:e2e'], stream: true }),
])
