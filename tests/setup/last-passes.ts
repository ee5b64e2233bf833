// The last step of `npm test`: the reliability suite and, when the suite ran on a PostgreSQL server
// (DATABASE_URL set, as in CI), the PGlite pass — side by side. The reliability run spends most of
// its minute waiting (a killed instance, a stopped database, mail draining), which is when the PGlite
// pass can use the machine; in series they added about 50 s to every CI run. The reliability
// output streams as it comes; the PGlite pass's is printed whole when it ends, so neither is
// interleaved with the other. Without DATABASE_URL the whole suite already ran on PGlite.
import { spawn } from 'node:child_process'

type Finished = { name: string; code: number; output?: string }

function run(name: string, args: string[], buffered: boolean): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn('npx', args, { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' })
    const chunks: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('close', (code, signal) =>
      resolve({
        name,
        code: code ?? (signal ? 1 : 0),
        output: buffered ? Buffer.concat(chunks).toString('utf8') : undefined,
      }),
    )
  })
}

const passes = [run('reliability', ['tsx', 'tests/reliability/run.ts'], false)]
if (process.env.DATABASE_URL)
  passes.push(run('PGlite pass', ['tsx', 'tests/setup/pglite-pass.ts'], true))

const finished = await Promise.all(passes)
for (const pass of finished) {
  if (pass.output !== undefined)
    process.stdout.write(
      `\n==== ${pass.name} (ran beside the reliability suite) ====\n${pass.output}`,
    )
}
const failed = finished.filter((pass) => pass.code !== 0)
for (const pass of failed) console.error(`${pass.name} failed (exit ${pass.code})`)
process.exit(failed.length ? 1 : 0)
