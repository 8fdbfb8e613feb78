// Stage 1 of `npm start` / `npm test`: get from "whatever node ran us" to the project's Node 24.
//
// On a fresh clone this runs under the system Node (20 here), because node_modules/.bin/node
// does not exist yet. So this file must stay plain Node 18+ code: no imports from
// node_modules, no recent APIs. It installs what is missing, then re-runs the calling script
// with node_modules/.bin/node and node_modules/.bin first on PATH, and exits with its code.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const NODE24 = path.join(BIN, 'node');
const say = (msg) => console.log(`[admit] ${msg}`);

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

// npm writes node_modules/.package-lock.json whenever it changes the tree, so a hidden lockfile
// at least as new as package-lock.json means the tree matches it. Without the Node 24 binary
// nothing else works, so it is checked too.
function installIsCurrent() {
  const hidden = mtime(path.join(ROOT, 'node_modules', '.package-lock.json'));
  return hidden >= 0 && hidden >= mtime(path.join(ROOT, 'package-lock.json')) && fs.existsSync(NODE24);
}

function install() {
  say('installing dependencies: npm install --no-audit --no-fund');
  // Not `npm ci`: this registry lacks the non-Linux optional binaries the lockfile would need.
  const res = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(
      `[admit] npm install failed (exit ${res.status}${res.error ? `, ${res.error.message}` : ''})`,
    );
    process.exit(1);
  }
  if (!fs.existsSync(NODE24)) {
    console.error(
      `[admit] npm install finished but ${NODE24} is missing (the "node" package's preinstall did not run?)`,
    );
    process.exit(1);
  }
  // If npm also touched package-lock.json after the hidden lockfile, the next run would
  // reinstall for nothing; mark the tree as current.
  const now = new Date();
  fs.utimesSync(path.join(ROOT, 'node_modules', '.package-lock.json'), now, now);
}

function isProjectNode() {
  try {
    return fs.realpathSync(process.execPath) === fs.realpathSync(NODE24);
  } catch {
    return false;
  }
}

/**
 * Returns once this process is the project's Node 24 with dependencies installed.
 * Otherwise installs, runs `scriptUrl` again under Node 24 and never returns.
 */
export async function bootstrap(scriptUrl) {
  if (!installIsCurrent()) install();

  const pathVar = process.env.PATH || '';
  if (!pathVar.split(path.delimiter).includes(BIN)) process.env.PATH = BIN + path.delimiter + pathVar;
  if (isProjectNode()) return;
  if (process.env.ADMIT_BOOTSTRAPPED === '1') {
    // Re-exec already happened once and we still are not on it: refuse to loop.
    console.error(`[admit] expected to run on ${NODE24}, got ${process.execPath} (${process.version})`);
    process.exit(1);
  }

  const script = fileURLToPath(scriptUrl);
  const child = spawn(NODE24, [script, ...process.argv.slice(2)], {
    cwd: process.cwd(),
    stdio: 'inherit',
    env: Object.assign({}, process.env, { ADMIT_BOOTSTRAPPED: '1' }),
  });
  // Ctrl-C reaches the child directly (same process group); we only wait for it to clean up.
  // Signals sent to this process alone (kill, CI runners) are passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGHUP', () => child.kill('SIGHUP'));
  child.on('error', (err) => {
    console.error(`[admit] cannot start ${NODE24}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code === null ? (signal === 'SIGINT' ? 130 : 1) : code));
  return new Promise(() => {}); // the child's exit ends this process
}
