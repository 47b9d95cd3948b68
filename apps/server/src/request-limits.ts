import { Transform, type TransformCallback } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** Every request body but the import's: JSON of a form, a sheet, a belt plan. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** The import's body: a file of up to 10 MB as base64 in JSON (a third larger). */
export const IMPORT_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
/** No procedure's input nests deeper than a few levels; a body nesting deeper is an attack on the parser. */
export const MAX_JSON_DEPTH = 64;

const IMPORT_PROCEDURES = new Set([
  "organizationImport.preview",
  "organizationImport.commit",
  "organizationImport.report",
]);

/** The most bytes the request's body may have: large only when every procedure called is an import. */
export function bodyLimitOf(url: string): number {
  const path = url.split("?")[0] ?? "";
  if (!path.startsWith("/trpc/")) return BODY_LIMIT_BYTES;
  const procedures = decodeURIComponent(path.slice("/trpc/".length)).split(",");
  return procedures.every((name) => IMPORT_PROCEDURES.has(name)) ? IMPORT_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
}

/**
 * The server's body handling: each body is cut off at its route's limit while it streams in
 * (Fastify's own limit, the import's, is the ceiling), and JSON nesting deeper than MAX_JSON_DEPTH
 * is refused before JSON.parse, whose cost on deep nesting would hold the event loop for seconds.
 */
export function limitRequestBodies(app: FastifyInstance): void {
  app.addHook("preParsing", async (request, _reply, payload) => {
    const limit = bodyLimitOf(request.url);
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
    return payload.pipe(new ByteLimit(limit));
  });

  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (exceedsDepth(text, MAX_JSON_DEPTH)) {
      done(badRequest(request, `请求内容嵌套超过 ${MAX_JSON_DEPTH} 层`), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

/** True when `json` opens more than `max` arrays/objects inside each other (strings are skipped). */
export function exceedsDepth(json: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

class ByteLimit extends Transform {
  receivedEncodedLength = 0; // Fastify compares it with the declared length

  constructor(readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.receivedEncodedLength += chunk.length;
    if (this.receivedEncodedLength > this.limit) callback(tooLarge(this.limit));
    else callback(null, chunk);
  }
}

function tooLarge(limit: number): Error {
  const megabytes = limit / (1024 * 1024);
  return Object.assign(new Error(`请求内容超过 ${megabytes} MB`), {
    statusCode: 413,
    code: "FST_ERR_CTP_BODY_TOO_LARGE",
  });
}

function badRequest(_request: FastifyRequest, message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400, code: "FST_ERR_CTP_INVALID_JSON_BODY" });
}
