#!/usr/bin/env node
// Dev mail catcher: an SMTP server that keeps the last messages in memory and a small web inbox.
//   SMTP  127.0.0.1:$MAIL_CATCHER_SMTP_PORT (1025)   any sender, any recipient, any (or no) AUTH
//   HTTP  http://localhost:$MAIL_CATCHER_HTTP_PORT/ (1080)
//         GET /api/messages[?to=addr]  newest first, with text, html and attachment links
//         GET /api/messages/:id        one message, with its headers
//         DELETE /api/messages         empties the inbox (handy between browser tests)
// Loopback only; nothing is written to disk. Messages are parsed with mailparser (text, HTML,
// attachments, decoded headers); the raw source is always one click away.
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const SMTP_PORT = Number(process.env.MAIL_CATCHER_SMTP_PORT || 1025);
const HTTP_PORT = Number(process.env.MAIL_CATCHER_HTTP_PORT || 1080);
const HOST = '127.0.0.1';
const KEEP = 200;
const MAX_SIZE = 25 * 1024 * 1024;

const messages = []; // newest first
let nextId = 1;

// ---------------------------------------------------------------- MIME (mailparser)

/** `from`, `to`, `cc` as one line of text, as the header reads once decoded. */
const addresses = (value) =>
  [value ?? []]
    .flat()
    .map((a) => a.text)
    .join(', ');

/** A header's value for display: decoded text where mailparser decodes it, else the raw line. */
function headerValue(parsed, key, line) {
  const value = parsed.headers.get(key);
  if (typeof value === 'string') return value;
  if (value && typeof value.text === 'string') return value.text; // addresses
  return line.slice(line.indexOf(':') + 1).trim();
}

async function parseMessage(raw, envelope) {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const headers = parsed.headerLines.map(({ key, line }) => ({
    name: key,
    value: headerValue(parsed, key, line),
  }));
  const rawHeader = (name) => headers.find((h) => h.name === name)?.value ?? '';
  return {
    id: String(nextId++),
    receivedAt: new Date().toISOString(),
    envelope,
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject ?? '',
    date: rawHeader('date'),
    messageId: parsed.messageId ?? '',
    headers,
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a, i) => ({
      filename: a.filename || `part-${i + 1}`,
      contentType: a.contentType,
      content: a.content,
    })),
    size: raw.length,
    raw,
  };
}

// ---------------------------------------------------------------- SMTP

const smtp = new SMTPServer({
  name: 'admit-mail-catcher',
  banner: 'Admit dev mail catcher',
  authOptional: true,
  allowInsecureAuth: true, // an app configured with credentials must still get through
  disabledCommands: ['STARTTLS'],
  size: MAX_SIZE,
  logger: false,
  onAuth: (auth, _session, callback) => callback(null, { user: auth.username || 'anonymous' }),
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('error', callback);
    stream.on('end', async () => {
      if (stream.sizeExceeded)
        return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
      try {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        const message = await parseMessage(Buffer.concat(chunks), envelope);
        messages.unshift(message);
        messages.length = Math.min(messages.length, KEEP);
        console.log(
          `[mail] #${message.id} ${envelope.from} -> ${envelope.to.join(', ')}: ${message.subject}`,
        );
        callback();
      } catch (err) {
        callback(err);
      }
    });
  },
});
smtp.on('error', (err) => console.error(`[mail] SMTP error: ${err.message}`));

// ---------------------------------------------------------------- HTTP

const esc = (s) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

const summary = (m) => ({
  id: m.id,
  receivedAt: m.receivedAt,
  envelope: m.envelope,
  from: m.from,
  to: m.to,
  cc: m.cc,
  subject: m.subject,
  date: m.date,
  messageId: m.messageId,
  text: m.text,
  html: m.html,
  size: m.size,
  attachments: m.attachments.map((a, i) => ({
    filename: a.filename,
    contentType: a.contentType,
    size: a.content.length,
    url: `/messages/${m.id}/attachments/${i}`,
  })),
});

const page = (title, body) => `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd}tr:hover td{background:#f6f6f6}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}iframe{width:100%;height:60vh;border:1px solid #ddd}
a{color:#2457c5}.muted{color:#777}</style></head><body>${body}</body></html>`;

function listPage() {
  const rows = messages
    .map(
      (
        m,
      ) => `<tr><td class="muted">${esc(m.receivedAt.replace('T', ' ').slice(0, 19))}</td><td>${esc(m.from)}</td>
<td>${esc(m.to || m.envelope.to.join(', '))}</td><td><a href="/messages/${m.id}">${esc(m.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('');
  return page(
    'Admit mail catcher',
    `<meta http-equiv="refresh" content="5"><h1>Inbox <span class="muted">(${messages.length})</span></h1>
<p class="muted">SMTP 127.0.0.1:${SMTP_PORT} · last ${KEEP} messages kept in memory · <a href="/api/messages">JSON</a></p>
<form method="post" action="/clear"><button>Empty inbox</button></form>
${rows ? `<table><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr>${rows}</table>` : '<p>No mail yet.</p>'}`,
  );
}

function messagePage(m) {
  const attachments = m.attachments
    .map(
      (a, i) =>
        `<li><a href="/messages/${m.id}/attachments/${i}">${esc(a.filename)}</a> <span class="muted">${esc(a.contentType)}, ${a.content.length} bytes</span></li>`,
    )
    .join('');
  return page(
    m.subject,
    `<p><a href="/">&larr; Inbox</a> · <a href="/messages/${m.id}/raw">raw source</a></p>
<h1>${esc(m.subject || '(no subject)')}</h1>
<table><tr><th>From</th><td>${esc(m.from)}</td></tr><tr><th>To</th><td>${esc(m.to)}</td></tr>
${m.cc ? `<tr><th>Cc</th><td>${esc(m.cc)}</td></tr>` : ''}<tr><th>Date</th><td>${esc(m.date)}</td></tr>
<tr><th>Envelope</th><td>${esc(m.envelope.from)} &rarr; ${esc(m.envelope.to.join(', '))}</td></tr></table>
${attachments ? `<h2>Attachments</h2><ul>${attachments}</ul>` : ''}
${m.html !== null ? `<h2>HTML</h2><iframe sandbox src="/messages/${m.id}/html"></iframe>` : ''}
${m.text !== null ? `<h2>Text</h2><pre>${esc(m.text)}</pre>` : ''}`,
  );
}

function send(res, status, body, type = 'text/html; charset=utf-8', extra = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const parts = url.pathname.split('/').filter(Boolean);
  const find = (id) => messages.find((m) => m.id === id);

  if (parts[0] === 'api' && parts[1] === 'messages') {
    if (req.method === 'DELETE' && parts.length === 2) {
      messages.length = 0;
      return send(res, 204, '');
    }
    if (parts.length === 2) {
      const to = url.searchParams.get('to')?.toLowerCase();
      const list = to ? messages.filter((m) => m.envelope.to.some((a) => a.toLowerCase() === to)) : messages;
      return send(res, 200, JSON.stringify(list.map(summary)), 'application/json');
    }
    const m = find(parts[2]);
    if (!m) return send(res, 404, JSON.stringify({ error: 'not found' }), 'application/json');
    return send(res, 200, JSON.stringify({ ...summary(m), headers: m.headers }), 'application/json');
  }
  if (req.method === 'POST' && url.pathname === '/clear') {
    messages.length = 0;
    return send(res, 303, '', 'text/plain', { location: '/' });
  }
  if (parts.length === 0) return send(res, 200, listPage());
  const m = parts[0] === 'messages' ? find(parts[1]) : null;
  if (!m) return send(res, 404, page('Not found', '<p>Not found. <a href="/">Inbox</a></p>'));
  if (parts.length === 2) return send(res, 200, messagePage(m));
  if (parts[2] === 'raw') return send(res, 200, m.raw, 'text/plain; charset=utf-8');
  // The mail's HTML is untrusted: sandboxed, no scripts, no requests except images.
  if (parts[2] === 'html' && m.html !== null) {
    return send(res, 200, m.html, 'text/html; charset=utf-8', {
      'content-security-policy':
        "sandbox; default-src 'none'; img-src data: http: https:; style-src 'unsafe-inline'",
    });
  }
  const attachment = parts[2] === 'attachments' ? m.attachments[Number(parts[3])] : null;
  if (attachment) {
    return send(res, 200, attachment.content, attachment.contentType || 'application/octet-stream', {
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      'x-content-type-options': 'nosniff',
    });
  }
  return send(res, 404, page('Not found', '<p>Not found. <a href="/">Inbox</a></p>'));
}

const web = http.createServer((req, res) => {
  try {
    handle(req, res);
  } catch (err) {
    send(res, 500, `mail catcher error: ${err.message}`, 'text/plain');
  }
});

function fail(what) {
  return (err) => {
    console.error(`[mail] cannot listen for ${what}: ${err.message}`);
    process.exit(1);
  };
}
smtp.server.once('error', fail(`SMTP on ${HOST}:${SMTP_PORT}`));
web.once('error', fail(`HTTP on ${HOST}:${HTTP_PORT}`));
smtp.listen(SMTP_PORT, HOST, () =>
  web.listen(HTTP_PORT, HOST, () =>
    console.log(`[mail] catching SMTP on ${HOST}:${SMTP_PORT}, inbox at http://localhost:${HTTP_PORT}/`),
  ),
);

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    web.close();
    smtp.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
