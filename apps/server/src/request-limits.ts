import { Transform, type TransformCallback } from "node:stream";
import type { FastifyInstance } from "fastify";

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
 * (Fastify's own limit, the import's, is the ceiling), and refused as soon as its JSON nests deeper
 * than MAX_JSON_DEPTH — on the first chunk that does, before the rest arrives and long before
 * JSON.parse, whose cost on deep nesting would hold the event loop for seconds.
 */
export function limitRequestBodies(app: FastifyInstance): void {
  app.addHook("preParsing", async (request, _reply, payload) => {
    const limit = bodyLimitOf(request.url);
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
    return payload.pipe(new BodyGuard(limit));
  });
}

/**
 * Follows the nesting of JSON text chunk by chunk: `[` and `{` outside strings open a level, `]` and
 * `}` close one. Bytes are enough: in UTF-8 these characters, `"` and `\` never occur inside
 * another character's bytes.
 */
export class JsonDepth {
  depth = 0;
  #inString = false;
  #escaped = false;

  /** True once the text so far has opened more than `max` levels inside each other. */
  exceeds(chunk: Uint8Array, max: number): boolean {
    for (const c of chunk) {
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === 0x5c) this.#escaped = true;
        else if (c === 0x22) this.#inString = false;
      } else if (c === 0x22) this.#inString = true;
      else if (c === 0x5b || c === 0x7b) {
        if (++this.depth > max) return true;
      } else if (c === 0x5d || c === 0x7d) this.depth--;
    }
    return false;
  }
}

/** True when `json` opens more than `max` arrays/objects inside each other (strings are skipped). */
export function exceedsDepth(json: string, max: number): boolean {
  return new JsonDepth().exceeds(Buffer.from(json, "utf8"), max);
}

class BodyGuard extends Transform {
  receivedEncodedLength = 0; // Fastify compares it with the declared length
  readonly #depth = new JsonDepth();

  constructor(readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.receivedEncodedLength += chunk.length;
    if (this.receivedEncodedLength > this.limit) this.#refuse(tooLarge(this.limit));
    else if (this.#depth.exceeds(chunk, MAX_JSON_DEPTH)) this.#refuse(tooDeep());
    else callback(null, chunk);
  }

  /**
   * Fails the body once Fastify listens: piping starts the request flowing on process.nextTick,
   * before the promise of the preParsing hook hands this stream to Fastify's reader, and an
   * "error" event nobody listens to would bring the whole server down. Until then the stream
   * holds the chunk (its callback never runs), so it cannot end as an empty body instead.
   */
  #refuse(error: Error): void {
    setImmediate(() => this.destroy(error));
  }
}

function tooLarge(limit: number): Error {
  const megabytes = limit / (1024 * 1024);
  return Object.assign(new Error(`请求内容超过 ${megabytes} MB`), {
    statusCode: 413,
    code: "FST_ERR_CTP_BODY_TOO_LARGE",
  });
}

function tooDeep(): Error {
  return Object.assign(new Error(`请求内容嵌套超过 ${MAX_JSON_DEPTH} 层`), {
    statusCode: 400,
    code: "FST_ERR_CTP_INVALID_JSON_BODY",
  });
}
