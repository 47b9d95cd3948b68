// Requests an outsider can send without signing in: bodies over the route's limit are cut off
// while they stream in (only the import takes more than 1 MB), JSON nested deeper than a form ever
// is gets refused before it is parsed, and every answer carries the browser's own defences.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Database } from "@beltmap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/app.ts";
import {
  BODY_LIMIT_BYTES,
  bodyLimitOf,
  exceedsDepth,
  IMPORT_BODY_LIMIT_BYTES,
} from "../src/request-limits.ts";
import { openDemoDatabase } from "./demo-database.ts";

let database: Database;
let app: Awaited<ReturnType<typeof buildServer>>;
let cookie: string;

beforeAll(async () => {
  database = await openDemoDatabase();
  const webDist = await mkdtemp(path.join(tmpdir(), "beltmap-web-"));
  await writeFile(path.join(webDist, "index.html"), "<!doctype html><title>Beltmap</title>");
  app = await buildServer({
    config: {
      WEB_DIST: webDist,
      LOG_LEVEL: "silent",
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      TRUST_PROXY: false,
    },
    database,
    logger: false,
  });
  const login = await post(
    "/trpc/auth.login",
    JSON.stringify({ username: "demo-city", password: "demo-only-2026" }),
  );
  cookie = String(login.headers["set-cookie"]).split(";")[0] ?? "";
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function post(url: string, body: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: "POST",
    url,
    payload: body,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** The review's attack: `{"key":` and `depth` [ … ] inside each other. */
const nested = (depth: number) => `{"key":${"[".repeat(depth)}${"]".repeat(depth)}}`;

describe("request bodies", () => {
  it("allows 1 MB on every route but the import's three procedures, and 16 MB there", () => {
    expect(bodyLimitOf("/trpc/auth.login")).toBe(BODY_LIMIT_BYTES);
    expect(bodyLimitOf("/trpc/briefing.open")).toBe(BODY_LIMIT_BYTES);
    expect(bodyLimitOf("/trpc/sheet.save?batch=1")).toBe(BODY_LIMIT_BYTES);
    expect(bodyLimitOf("/trpc/organizationImport.preview")).toBe(IMPORT_BODY_LIMIT_BYTES);
    expect(bodyLimitOf("/trpc/organizationImport.commit?batch=1")).toBe(IMPORT_BODY_LIMIT_BYTES);
    // A batch is as small as its smallest member: an import cannot carry a large body to another.
    expect(bodyLimitOf("/trpc/organizationImport.preview,auth.login?batch=1")).toBe(BODY_LIMIT_BYTES);
    expect(bodyLimitOf("/anything-else")).toBe(BODY_LIMIT_BYTES);
  });

  it("refuses a body over 1 MB to login or a briefing link with 413, before reading it", async () => {
    const body = JSON.stringify({ username: "x".repeat(BODY_LIMIT_BYTES), password: "y" });
    for (const url of ["/trpc/auth.login", "/trpc/briefing.open"]) {
      const response = await post(url, body);
      expect(response.statusCode, url).toBe(413);
      expect(response.json().message).toBe("请求内容超过 1 MB");
    }
  });

  it("counts the bytes that arrive, whatever Content-Length claims", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      payload: `{"username":"${"x".repeat(BODY_LIMIT_BYTES)}"}`,
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
    });
    expect(response.statusCode).toBe(413);
  });

  it("takes a 2 MB import and refuses one over 16 MB", async () => {
    const file = (bytes: number) =>
      JSON.stringify({ fileName: "组织.csv", base64: "A".repeat(bytes), system: "WGS84" });
    const accepted = await post("/trpc/organizationImport.preview", file(2 * 1024 * 1024), { cookie });
    expect(accepted.statusCode).not.toBe(413);
    const refused = await post("/trpc/organizationImport.preview", file(IMPORT_BODY_LIMIT_BYTES), { cookie });
    expect(refused.statusCode).toBe(413);
    expect(refused.json().message).toBe("请求内容超过 16 MB");
  });

  it("refuses the nested-body attack with 400 before parsing it, on any route", async () => {
    for (const [url, depth] of [
      ["/trpc/auth.login", 400_000],
      ["/trpc/briefing.open", 400_000],
      ["/trpc/organizationImport.preview", 7_000_000], // 14 MB: within the import's limit
    ] as const) {
      const response = await post(url, nested(depth));
      expect(response.statusCode, url).toBe(400);
      expect(response.json().message).toBe("请求内容嵌套超过 64 层");
    }
    // The server still answers, and a login still works.
    expect((await app.inject("/healthz")).statusCode).toBe(200);
    const login = await post(
      "/trpc/auth.login",
      JSON.stringify({ username: "demo-org", password: "demo-only-2026" }),
    );
    expect(login.statusCode).toBe(200);
  });

  it("over a real connection, refuses streamed bodies past the limit or too deep, and keeps serving", async () => {
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    /** A body sent in 64 KB chunks with no Content-Length, as a client that lies about it would. */
    const streamed = (text: string) => {
      const bytes = Buffer.from(text);
      let offset = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) return controller.close();
          controller.enqueue(bytes.subarray(offset, offset + 65_536));
          offset += 65_536;
        },
      });
    };
    const send = async (procedure: string, text: string) => {
      try {
        const response = await fetch(`${address}/trpc/${procedure}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: streamed(text),
          duplex: "half",
        } as RequestInit);
        return response.status;
      } catch {
        return "closed"; // refused before the client finished sending: also a refusal
      }
    };
    expect([413, "closed"]).toContain(
      await send("auth.login", `{"username":"${"x".repeat(2 * BODY_LIMIT_BYTES)}"}`),
    );
    expect([400, "closed"]).toContain(await send("organizationImport.preview", nested(1_000_000)));
    expect((await fetch(`${address}/healthz`)).status).toBe(200);
  });

  it("measures nesting outside strings only", () => {
    expect(exceedsDepth(nested(64).slice(7, -1), 64)).toBe(false);
    expect(exceedsDepth(nested(65).slice(7, -1), 64)).toBe(true);
    expect(exceedsDepth(`{"a":"${"[".repeat(1000)}"}`, 64)).toBe(false);
    expect(exceedsDepth(`{"a":"\\"${"{".repeat(100)}"}`, 64)).toBe(false); // an escaped quote stays inside
    expect(exceedsDepth(`{"a":"\\\\"${"[".repeat(100)}`, 64)).toBe(true); // an escaped backslash ends nothing
  });
});

describe("security headers", () => {
  it("sends a Content-Security-Policy, no framing and no MIME sniffing on pages and API answers", async () => {
    for (const url of ["/", "/healthz", "/trpc/auth.me"]) {
      const response = await app.inject({ url, headers: { cookie } });
      const policy = String(response.headers["content-security-policy"]);
      expect(policy, url).toContain("script-src 'self'");
      expect(policy, url).toContain("frame-ancestors 'none'");
      expect(policy, url).toContain("object-src 'none'");
      expect(policy, url).not.toContain("unsafe-eval");
      expect(response.headers["x-frame-options"], url).toBe("DENY");
      expect(response.headers["x-content-type-options"], url).toBe("nosniff");
    }
  });
});

describe("behind a proxy without TRUST_PROXY", () => {
  async function serverLogging(trustProxy: false | string) {
    const lines: string[] = [];
    const server = await buildServer({
      config: {
        LOG_LEVEL: "warn",
        SESSION_IDLE_MINUTES: 30,
        SESSION_ABSOLUTE_HOURS: 12,
        TRUST_PROXY: trustProxy,
        WEB_DIST: "/nonexistent",
      },
      database,
      logger: { level: "warn", stream: { write: (line: string) => lines.push(line) } },
    });
    return { server, warnings: () => lines.filter((line) => line.includes("TRUST_PROXY")) };
  }

  it("tells the operator once, on the first request that came through a proxy", async () => {
    const { server, warnings } = await serverLogging(false);
    await server.inject("/healthz");
    expect(warnings()).toEqual([]);
    await server.inject({ url: "/healthz", headers: { "x-forwarded-for": "10.1.2.3" } });
    await server.inject({ url: "/healthz", headers: { "x-forwarded-for": "10.1.2.4" } });
    expect(warnings()).toHaveLength(1);
    expect(JSON.parse(warnings()[0] ?? "{}").msg).toMatch(
      /未设置 TRUST_PROXY：所有用户都按代理的地址 127\.0\.0\.1 计数/,
    );
    await server.close();
  });

  it("says nothing when TRUST_PROXY is set", async () => {
    const { server, warnings } = await serverLogging("loopback");
    await server.inject({ url: "/healthz", headers: { "x-forwarded-for": "10.1.2.3" } });
    expect(warnings()).toEqual([]);
    await server.close();
  });
});
