// Owns one production server of the app under test: a plain `node build/server.js` process (or
// `node --import tsx app/server/index.ts` without a bundled server; never an npx or npm wrapper, so
// `kill -9` hits the server itself) on its own port, started, killed, restarted and stopped by the
// runner. Its output goes to a log file and is scanned for crashes and unhandled rejections.
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import path from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'

export type InstanceEnvironment = Record<string, string>

/** Lines that mean the process lost control of an error (Node prints these before dying, or on warning). */
const CRASH_PATTERNS = [
  /unhandled ?rejection/i,
  /uncaught ?exception/i,
  /triggerUncaughtException/,
  /FATAL ERROR/,
  /Node\.js v\d+/,
]

export class AppInstance {
  readonly name: string
  readonly port: number
  private readonly environment: InstanceEnvironment
  private readonly nodeArguments: string[]
  private readonly logFile: string
  private child: ChildProcess | null = null
  private log: WriteStream | null = null
  private exited: Promise<void> = Promise.resolve()
  /** Crash-like lines seen in the output, across every start. */
  readonly crashLines: string[] = []
  /** Exits the runner did not cause (neither kill9 nor stop). */
  readonly unexpectedExits: string[] = []
  private expectingExit = false
  starts = 0

  constructor({
    name,
    port,
    environment,
    logDir,
    nodeArguments,
  }: {
    name: string
    port: number
    environment: InstanceEnvironment
    logDir: string
    nodeArguments: string[]
  }) {
    this.name = name
    this.port = port
    this.environment = environment
    this.nodeArguments = nodeArguments
    mkdirSync(logDir, { recursive: true })
    this.logFile = path.join(logDir, `reliability-${name}.log`)
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`
  }

  get pid() {
    return this.child?.pid ?? null
  }

  /** True while the process exists (signal 0 probes without touching it). */
  isAlive() {
    const pid = this.pid
    if (!pid || this.child?.exitCode !== null || this.child?.signalCode !== null) return false
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }

  /** Spawns the server and resolves once /healthz answers 200. */
  async start({ timeoutMs = 90_000 } = {}) {
    if (this.isAlive()) throw new Error(`${this.name} is already running`)
    this.log ??= createWriteStream(this.logFile, { flags: 'w' })
    this.log.write(`\n==== start ${++this.starts} at ${new Date().toISOString()} ====\n`)
    const child = spawn(process.execPath, this.nodeArguments, {
      env: { ...process.env, ...this.environment, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    this.expectingExit = false
    const scan = (chunk: Buffer) => {
      const text = chunk.toString()
      this.log?.write(text)
      for (const line of text.split('\n'))
        if (CRASH_PATTERNS.some((pattern) => pattern.test(line)))
          this.crashLines.push(`${this.name}: ${line.trim()}`)
    }
    child.stdout?.on('data', scan)
    child.stderr?.on('data', scan)
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.log?.write(`==== exited (code ${code}, signal ${signal}) ====\n`)
        // Code 0 after "SIGTERM received" in the log: something outside the run stopped it.
        if (!this.expectingExit)
          this.unexpectedExits.push(
            `${this.name} (pid ${child.pid}) exited at ${new Date().toISOString()} without being asked (code ${code}, signal ${signal}; see ${this.logFile})`,
          )
        resolve()
      })
    })
    await this.waitUntilHealthy({ timeoutMs })
  }

  private async waitUntilHealthy({ timeoutMs }: { timeoutMs: number }) {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (!this.isAlive())
        throw new Error(`${this.name} exited during start-up: see ${this.logFile}`)
      try {
        const response = await fetch(`${this.baseUrl}/healthz`, {
          signal: AbortSignal.timeout(2_000),
        })
        if (response.status === 200) return
      } catch {
        // Not listening yet.
      }
      await delay(150)
    }
    throw new Error(
      `${this.name} did not become healthy within ${timeoutMs} ms: see ${this.logFile}`,
    )
  }

  /** SIGKILL: no shutdown handlers, open requests and claims are simply abandoned. */
  async kill9() {
    if (!this.child || !this.isAlive()) throw new Error(`${this.name} is not running`)
    this.expectingExit = true
    this.child.kill('SIGKILL')
    await this.exited
  }

  /** SIGTERM and wait (the graceful path); SIGKILL after a grace period. */
  async stop({ graceMs = 15_000 } = {}) {
    if (!this.child || !this.isAlive()) return
    this.expectingExit = true
    this.child.kill('SIGTERM')
    const stopped = await Promise.race([
      this.exited.then(() => true),
      delay(graceMs).then(() => false),
    ])
    if (!stopped && this.isAlive()) {
      this.child.kill('SIGKILL')
      await this.exited
    }
  }

  /** Last resort for cleanup paths (SIGINT of the runner): synchronous, no waiting. */
  killNow() {
    if (this.child && this.isAlive()) {
      this.expectingExit = true
      this.child.kill('SIGKILL')
    }
  }

  closeLog() {
    this.log?.end()
    this.log = null
  }

  get logPath() {
    return this.logFile
  }
}
