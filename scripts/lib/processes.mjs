// Child processes and cleanup, shared by start.mjs and test.mjs.
//
// Every child runs in its own process group (detached) so that one kill reaches everything it
// spawned (npm -> sh -> node -> workers). The price is that Ctrl-C no longer reaches children
// on its own, so this module owns SIGINT/SIGTERM and stops them in a fixed order: foreground
// children first, then the services (registered with onShutdown, stopped last-in first-out),
// so the app can still talk to Redis/Postgres while it shuts down.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export { ROOT } from './bootstrap.mjs';

export const log = (msg) => console.log(`[admit] ${msg}`);

const children = new Set(); // foreground children, stopped first
const groups = new Set(); // every group we created, for the last-resort kill on exit
const hooks = []; // service stoppers, run in reverse order
let shuttingDown = null;

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // group already gone
  }
}

/**
 * spawn() in a new process group. `service: true` keeps it out of the foreground set:
 * the caller stops it from an onShutdown hook, after the foreground children.
 * The returned child has `.done`: a promise of { code, signal, error }.
 */
export function spawnGroup(cmd, args, { service = false, ...opts } = {}) {
  // After Ctrl-C nothing new may start: it would outlive the cleanup that is under way.
  if (shuttingDown) throw new Error(`not starting ${cmd}: shutting down`);
  const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts, detached: true });
  child.done = new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  if (child.pid) {
    groups.add(child.pid);
    if (!service) children.add(child);
    child.done.then(() => children.delete(child));
  }
  return child;
}

/** `signal` (SIGTERM) to the whole group, SIGKILL to whatever is left after `graceMs`. */
export async function stopGroup(child, graceMs = 10_000, signal = 'SIGTERM') {
  if (!child.pid) return;
  if (child.exitCode === null && child.signalCode === null) {
    signalGroup(child.pid, signal);
    await Promise.race([child.done, sleep(graceMs, null, { ref: false })]); // unref: must not keep us alive
  }
  // Grandchildren may outlive the leader (workers, a dev server); the group id still names them.
  signalGroup(child.pid, 'SIGKILL');
  groups.delete(child.pid);
}

/**
 * Runs a command to completion with a hard timeout that kills its whole process group.
 * capture: collect stdout+stderr instead of streaming them (kept to the last 2 MB).
 * Resolves to { code, signal, timedOut, output, seconds }; never rejects.
 */
export async function run(cmd, args, { timeoutMs = 0, capture = false, label = cmd, ...opts } = {}) {
  if (shuttingDown) return { code: null, signal: 'SIGTERM', timedOut: false, output: '', seconds: 0 };
  const started = Date.now();
  const child = spawnGroup(cmd, args, capture ? { ...opts, stdio: ['ignore', 'pipe', 'pipe'] } : opts);
  let output = '';
  if (capture && child.pid) {
    const keep = (chunk) => {
      output += chunk;
      if (output.length > 4_000_000) output = output.slice(-2_000_000);
    };
    child.stdout.setEncoding('utf8').on('data', keep);
    child.stderr.setEncoding('utf8').on('data', keep);
  }
  let timedOut = false;
  const timer =
    timeoutMs > 0 &&
    setTimeout(() => {
      timedOut = true;
      const limit =
        timeoutMs >= 60_000 ? `${Math.round(timeoutMs / 60_000)} min` : `${Math.round(timeoutMs / 1000)} s`;
      log(`${label}: no result after ${limit}, killing its process group`);
      stopGroup(child, 5_000);
    }, timeoutMs);
  const { code, signal, error } = await child.done;
  if (timer) clearTimeout(timer);
  await stopGroup(child, 0); // strays left in the group after the leader exited
  if (error) output += `\n${label}: ${error.message}\n`;
  return { code, signal, timedOut, output, seconds: Math.round((Date.now() - started) / 1000) };
}

export const isShuttingDown = () => shuttingDown !== null;

/** Registers an async stopper for something we started (a database, a mail catcher). */
export function onShutdown(fn) {
  hooks.push(fn);
}

/** Stops foreground children, then services in reverse start order. Safe to call twice. */
export function shutdown() {
  shuttingDown ??= (async () => {
    await Promise.all([...children].map((c) => stopGroup(c)));
    while (hooks.length) {
      const hook = hooks.pop();
      try {
        await hook();
      } catch (err) {
        log(`cleanup step failed: ${err.message}`);
      }
    }
  })();
  return shuttingDown;
}

/** Ctrl-C / SIGTERM / SIGHUP: clean up, then exit 128+n. A second Ctrl-C kills at once. */
export function installSignalHandlers() {
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [sig, code] of Object.entries(codes)) {
    process.on(sig, () => {
      if (shuttingDown) {
        log('stopping now');
        process.exit(code);
      }
      log(`${sig}: stopping what was started (Ctrl-C again to force)`);
      shutdown().then(() => process.exit(code));
    });
  }
  // Last resort when we exit without shutdown() (a crash): no orphaned process groups.
  process.on('exit', () => {
    for (const pid of groups) signalGroup(pid, 'SIGKILL');
  });
}
