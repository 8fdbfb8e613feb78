/** The codes email, as HTML and text. Kept as plain functions: easy to test, no template engine. */
export interface BatchMailInput {
  projectName: string;
  productName: string;
  planName: string;
  count: number;
  validTill: Date | null;
  /** Standard batches: every code with its activation link. */
  codes?: { display: string; activateUrl: string }[];
  /** Bulk batches: where to download the CSV, and until when. */
  downloadUrl?: string;
  downloadExpires?: Date;
  attached?: boolean;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function batchMailSubject(input: BatchMailInput): string {
  return `${input.count.toLocaleString('en')} access codes for ${input.productName} (${input.planName})`;
}

export function batchMailText(input: BatchMailInput): string {
  const lines = [
    `Your access codes for ${input.productName} – ${input.planName} (${input.projectName}).`,
    input.validTill
      ? `They are valid until ${input.validTill.toISOString().replace('T', ' ').slice(0, 16)} UTC.`
      : '',
    '',
  ];
  if (input.codes) for (const c of input.codes) lines.push(`${c.display}  Activate: ${c.activateUrl}`);
  if (input.downloadUrl) {
    if (input.attached) lines.push('The codes are attached as a CSV file.');
    lines.push(`Download them as CSV: ${input.downloadUrl}`);
    if (input.downloadExpires)
      lines.push(`(The link works until ${input.downloadExpires.toISOString().slice(0, 10)}.)`);
  }
  return lines.join('\n');
}

export function batchMailHtml(input: BatchMailInput): string {
  const rows = (input.codes ?? [])
    .map(
      (c) =>
        `<tr><td style="font-family:monospace;font-size:16px;padding:6px 12px">${esc(c.display)}</td>` +
        `<td style="padding:6px 12px"><a href="${esc(c.activateUrl)}">Activate</a></td></tr>`,
    )
    .join('');
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif">
<h1 style="font-size:20px">${esc(batchMailSubject(input))}</h1>
<p>${esc(input.projectName)} · ${esc(input.productName)} · ${esc(input.planName)}${
    input.validTill
      ? ` · valid until ${esc(input.validTill.toISOString().replace('T', ' ').slice(0, 16))} UTC`
      : ''
  }</p>
${rows ? `<table>${rows}</table>` : ''}
${
  input.downloadUrl
    ? `<p>${input.attached ? 'The codes are attached as a CSV file. ' : ''}<a href="${esc(input.downloadUrl)}">Download CSV</a>${
        input.downloadExpires ? ` (until ${esc(input.downloadExpires.toISOString().slice(0, 10))})` : ''
      }</p>`
    : ''
}
</body></html>`;
}
