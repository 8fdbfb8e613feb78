import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bearer, createAccount, createProject } from '../factories/accounts.js';
import { createCatalog } from '../factories/catalog.js';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { until } from '../utils/until.js';
import { WebhookReceiver } from '../utils/webhook-receiver.js';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/api.md');
const CURL = '/usr/bin/curl';
// Asynchronous: the app answering the examples runs in this very process.
const run = promisify(execFile);

interface Block {
  lang: string;
  info: string;
  body: string;
  line: number;
}

/** The fenced blocks of a Markdown file, in order, with their info string. */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    blocks.push({ lang: open[1]!, info: open[2]!.trim(), body: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/** A documented JSON value against the answer: `"…"` is any value; objects need only the documented keys. */
function matches(documented: unknown, actual: unknown): boolean {
  if (documented === '…') return true;
  if (Array.isArray(documented))
    return Array.isArray(actual) && documented.every((d, i) => matches(d, actual[i]));
  if (documented && typeof documented === 'object')
    return (
      !!actual &&
      typeof actual === 'object' &&
      Object.entries(documented).every(([k, v]) => matches(v, (actual as Record<string, unknown>)[k]))
    );
  return documented === actual;
}

describe('the examples of docs/api.md run against the real app (e2e)', () => {
  let t: TestApp;
  const receiver = new WebhookReceiver();
  let env: Record<string, string>;
  let webhookSecret: string;
  let work: string;

  beforeAll(async () => {
    await receiver.start();
    t = await bootTestApp({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const catalog = await createCatalog(t.http, owner.token, project.id);
    const api = `/api/v1/projects/${project.id}`;
    const key = await t.http
      .post(`${api}/api-keys`)
      .set(...bearer(owner.token))
      .send({ name: 'Docs', scopes: ['redemptions:write', 'codes:read'] })
      .expect(201);
    const webhook = await t.http
      .post(`${api}/webhooks`)
      .set(...bearer(owner.token))
      .send({ url: receiver.url, events: ['code.redeemed'] })
      .expect(201);
    webhookSecret = webhook.body.secret;
    const batch = await t.http
      .post(`${api}/batches`)
      .set(...bearer(owner.token))
      .send({
        productId: catalog.productId,
        planId: catalog.planId,
        count: 2,
        usageType: 'single',
        notify: false,
      })
      .expect(201);
    const [code, publicCode] = (batch.body.codes as { display: string }[]).map((c) => c.display);
    env = {
      ADMIT: `${base}/api/v1`,
      KEY: key.body.secret,
      CODE: code!,
      PUBLIC_CODE: publicCode!,
      PROJECT: project.slug,
    };
    work = mkdtempSync(path.join(tmpdir(), 'admit-docs-'));
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('answers every curl example as documented', async () => {
    const blocks = fencedBlocks(readFileSync(DOC, 'utf8'));
    const shell = blocks.filter((b) => b.lang === 'sh');
    expect(shell.length).toBeGreaterThanOrEqual(12);
    let ran = 0;
    for (const [i, block] of blocks.entries()) {
      if (block.lang !== 'sh') continue;
      // The documented placeholders become this run's base URL, key, codes and project.
      const script = block.body
        .split('\n')
        .filter((line) => !new RegExp(`^export (${Object.keys(env).join('|')})=`).test(line))
        .join('\n')
        .trim();
      if (!script) continue;
      expect({ line: block.line, usesRealCurl: /\bcurl\b/.test(script) }).toEqual({
        line: block.line,
        usesRealCurl: true,
      });
      const headers = path.join(work, `headers-${block.line}`);
      const { stdout } = await run(
        'bash',
        ['-c', `set -o pipefail\ncurl() { ${CURL} -D "${headers}" "$@"; }\n${script}`],
        { env: { ...process.env, ...env }, encoding: 'utf8' },
      );
      ran++;
      const answer = blocks[i + 1];
      if (!answer || (answer.lang !== 'json' && answer.lang !== 'text')) continue;
      const where = `docs/api.md:${block.line}`;
      if (answer.lang === 'text') {
        expect({ where, out: stdout.trim().toLowerCase() }).toEqual({
          where,
          out: answer.body.trim().toLowerCase(),
        });
        continue;
      }
      const statuses = [...readFileSync(headers, 'utf8').matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].map(
        (m) => m[1],
      );
      expect({ where, status: statuses.at(-1) }).toEqual({ where, status: answer.info });
      const documented = JSON.parse(answer.body) as unknown;
      const actual = JSON.parse(stdout) as unknown;
      expect({ where, matches: matches(documented, actual), actual }).toEqual({
        where,
        matches: true,
        actual,
      });
    }
    expect(ran).toBeGreaterThanOrEqual(12);
  });

  it('verifies a real webhook signature with the Node and the Python snippets', async () => {
    const hook = await until('a webhook delivery', () => receiver.received[0]);
    const signatureHeader = String(hook.headers['x-admit-signature']);
    writeFileSync(path.join(work, 'body.json'), hook.raw);
    const blocks = fencedBlocks(readFileSync(DOC, 'utf8'));
    const js = blocks.find((b) => b.lang === 'js' && b.body.includes('function verify'))!;
    const py = blocks.find((b) => b.lang === 'python' && b.body.includes('def verify'))!;
    const args = { SECRET: webhookSecret, BODY: path.join(work, 'body.json'), SIGNATURE: signatureHeader };

    writeFileSync(
      path.join(work, 'verify.mjs'),
      `${js.body}
import { readFileSync } from 'node:fs';
const raw = readFileSync(process.env.BODY);
console.log(verify(process.env.SECRET, raw, process.env.SIGNATURE), verify(process.env.SECRET, Buffer.concat([raw, Buffer.from(' ')]), process.env.SIGNATURE), verify('wrong secret', raw, process.env.SIGNATURE));
`,
    );
    const { stdout: node } = await run(process.execPath, [path.join(work, 'verify.mjs')], {
      env: { ...process.env, ...args },
      encoding: 'utf8',
    });
    expect(node.trim()).toBe('true false false');

    writeFileSync(
      path.join(work, 'verify.py'),
      `${py.body}

import os
raw = open(os.environ["BODY"], "rb").read()
print(verify(os.environ["SECRET"], raw, os.environ["SIGNATURE"]), verify(os.environ["SECRET"], raw + b" ", os.environ["SIGNATURE"]), verify("wrong secret", raw, os.environ["SIGNATURE"]))
`,
    );
    const { stdout: python } = await run('python3', [path.join(work, 'verify.py')], {
      env: { ...process.env, ...args },
      encoding: 'utf8',
    });
    expect(python.trim()).toBe('True False False');
  });
});
