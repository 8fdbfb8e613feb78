/** Hands a downloaded file to the browser as if a link with `download` had been clicked. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
