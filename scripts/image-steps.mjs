#!/usr/bin/env node
// The build stage of docker/Dockerfile, run without Docker: the build context (the checkout minus
// docker/Dockerfile.dockerignore) is laid out in a fresh temporary directory standing for the
// image's WORKDIR, and each COPY and RUN of the stage is done there in order, with the stage's
// ENV, so `npm install`, the Nx build and `npm prune` are proved to work as written. The
// checkout's own node_modules and dist are never touched (they are not in the context).
//
//   node scripts/image-steps.mjs [--out DIR]
//
// Prints each step, then as its last line the JSON {"dir", "runtime": {"env", "cmd"}, "steps"}:
// the directory now holding what `COPY --from=build /app /app` puts in the runtime image, and
// that image's ENV and CMD. Exits 1 when a step fails. Use Node 24 (node_modules/.bin first on
// PATH, as `npm test` runs it). npm reads its cache first (`npm_config_prefer_offline`), as a CI
// cache would make it; the command itself is the Dockerfile's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCKERFILE = path.join(ROOT, 'docker/Dockerfile');
const IGNORE = path.join(ROOT, 'docker/Dockerfile.dockerignore');

/** Instructions of a Dockerfile: comments dropped, `\` continuations joined. */
export function parseDockerfile(text) {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  return lines
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
      if (!op) throw new Error(`Cannot read Dockerfile line: ${line}`);
      return { op: op.toUpperCase(), args: rest.trim() };
    });
}

/** The instructions of each stage, by the name given with `AS` (or its index). */
export function stages(instructions) {
  const found = [];
  for (const ins of instructions) {
    if (ins.op === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(ins.args);
      found.push({ image, name: name ?? String(found.length), steps: [] });
    } else if (found.length) found.at(-1).steps.push(ins);
  }
  return found;
}

/** `A=1 B="two words"` → { A: '1', B: 'two words' }. */
export function parseEnv(args) {
  const env = {};
  for (const m of args.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) env[m[1]] = m[3] ?? m[2];
  return env;
}

/** A .dockerignore pattern as a RegExp over slash paths relative to the context. */
function patternToRegExp(pattern) {
  let re = '';
  const p = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      re += p[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += p[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether `rel` (or a folder above it) is excluded by the ignore file's patterns. */
export function ignoredBy(patterns) {
  const rules = patterns.map((p) => ({
    negate: p.startsWith('!'),
    re: patternToRegExp(p.replace(/^!/, '')),
  }));
  return (rel) => {
    const parts = rel.split('/');
    let ignored = false;
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      for (const rule of rules) if (rule.re.test(prefix)) ignored = !rule.negate;
      if (ignored) return true;
    }
    return ignored;
  };
}

/** Every file of the build context, relative to ROOT. */
function contextFiles() {
  const patterns = fs
    .readFileSync(IGNORE, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const ignored = ignoredBy(patterns);
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (ignored(rel)) continue;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) files.push(rel);
    }
  };
  walk('');
  return files;
}

function copy(args, context, dir) {
  const parts = args.split(/\s+/).filter((a) => !a.startsWith('--'));
  if (args.includes('--from=')) throw new Error(`COPY ${args}: only the build stage is run here`);
  const dest = parts.pop();
  const target = path.resolve(dir, dest);
  for (const src of parts) {
    const clean = src.replace(/^\.\//, '').replace(/\/$/, '');
    const matches = clean === '.' ? context : context.filter((f) => f === clean || f.startsWith(`${clean}/`));
    if (!matches.length) throw new Error(`COPY ${src}: not in the build context`);
    for (const file of matches) {
      const inside = clean === '.' || file !== clean ? path.relative(clean === '.' ? '' : clean, file) : null;
      const to =
        inside !== null
          ? path.join(target, inside)
          : dest.endsWith('/')
            ? path.join(target, path.basename(file))
            : target;
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), to);
    }
  }
}

function main() {
  const outArg = process.argv.indexOf('--out');
  const dir =
    outArg > 0
      ? path.resolve(process.argv[outArg + 1])
      : fs.mkdtempSync(path.join(os.tmpdir(), 'admit-image-'));
  fs.mkdirSync(dir, { recursive: true });
  if (fs.readdirSync(dir).length) throw new Error(`${dir} is not empty`);

  const all = stages(parseDockerfile(fs.readFileSync(DOCKERFILE, 'utf8')));
  const build = all.find((s) => s.name === 'build') ?? all[0];
  const runtime = all.at(-1);
  const context = contextFiles();
  // RUN steps see what a RUN in the image sees: the stage's ENV and the image's tools (Node 24 on
  // PATH), not this shell's variables (an outer `npm test -w …` would leak npm_config_workspace)
  // nor the checkout's node_modules/.bin. HOME keeps npm's cache.
  const env = {
    PATH: [
      path.dirname(process.execPath),
      '/usr/local/sbin',
      '/usr/local/bin',
      '/usr/sbin',
      '/usr/bin',
      '/sbin',
      '/bin',
    ].join(path.delimiter),
    HOME: os.homedir(),
    npm_config_prefer_offline: 'true',
    npm_config_update_notifier: 'false',
  };

  const steps = [];
  for (const { op, args } of build.steps) {
    const started = Date.now();
    console.log(`[image] ${op} ${args}`);
    if (op === 'WORKDIR') {
      // The temporary directory stands for it.
    } else if (op === 'ENV') Object.assign(env, parseEnv(args));
    else if (op === 'COPY') copy(args, context, dir);
    else if (op === 'RUN') {
      const res = spawnSync('sh', ['-c', args], { cwd: dir, env, stdio: 'inherit' });
      if (res.status !== 0) {
        console.error(`[image] RUN failed (exit ${res.status ?? res.signal}): ${args}`);
        process.exit(1);
      }
    } else throw new Error(`${op}: not supported by this script (add it)`);
    steps.push({ step: `${op} ${args}`, seconds: Math.round((Date.now() - started) / 100) / 10 });
  }

  const runtimeEnv = {};
  let cmd = null;
  for (const { op, args } of runtime.steps) {
    if (op === 'ENV') Object.assign(runtimeEnv, parseEnv(args));
    if (op === 'CMD') cmd = JSON.parse(args);
  }
  console.log(JSON.stringify({ dir, runtime: { env: runtimeEnv, cmd }, steps }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(`[image] ${err.stack ?? err}`);
    process.exit(1);
  }
}
