/** Saves bytes as a normal browser download (Blob + <a download>), so the file name is kept. */
export function saveFile(data: BlobPart | BlobPart[], filename: string, mime: string): void {
  const url = URL.createObjectURL(new Blob(Array.isArray(data) ? data : [data], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
