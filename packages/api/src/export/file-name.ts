/**
 * A file name safe to offer for download on Windows, macOS and Linux, made from text a user wrote
 * (an uploaded file's name, a unit's name): only its last path segment; no control, direction or
 * zero-width characters; none of \ / : * ? " < > |; no leading dots; at most `max` characters.
 */
export function safeFileNamePart(text: string, fallback: string, max = 80): string {
  const lastSegment = text.split(/[\\/]/).pop() ?? "";
  const cleaned = lastSegment
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g, "")
    .replace(/\p{Cs}/gu, "")
    .replace(/[:*?"<>|]/g, "_")
    .replace(/^[.\s]+/, "")
    .trim();
  const chars = [...cleaned];
  const cut = chars.length > max ? chars.slice(0, max).join("").trim() : cleaned;
  return cut || fallback;
}
