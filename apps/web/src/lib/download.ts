// Saving a file in the browser: a Blob and a temporary <a download>. The server's base64 files
// (附件2), the belts' exports and the pictures of the dashboard and the map all go through saveBlob.

export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Lets the browser save `base64` as `fileName`. */
export function saveBase64File(file: { fileName: string; mimeType: string; base64: string }): void {
  saveBlob(new Blob([bytesOfBase64(file.base64)], { type: file.mimeType }), file.fileName);
}

/** Lets the browser save `blob` as `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; give the browser a moment before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
