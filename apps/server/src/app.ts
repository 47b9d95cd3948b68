import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  AnonymousAuditLimit,
  type AppRouter,
  type AuthSettings,
  appRouter,
  createContextInner,
  createSharedReads,
  DEFAULT_SHARED_READ_MS,
  LoginThrottle,
  SESSION_COOKIE,
} from "@beltmap/api";
import { type Database, databaseDataVersion } from "@beltmap/db";
import { COUNTIES_GEOJSON_PATH } from "@beltmap/geo";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify";
import { type BasemapSettings, basemapOf, type Config, clockOf } from "./config.ts";
import { warnOfUntrustedProxy } from "./proxy-warning.ts";
import { IMPORT_BODY_LIMIT_BYTES, limitRequestBodies } from "./request-limits.ts";
import { addSecurityHeaders, isSameOrigin } from "./security-headers.ts";
import { addTileRoute } from "./tile-route.ts";

export type ServerOptions = {
  config: Pick<
    Config,
    "WEB_DIST" | "LOG_LEVEL" | "SESSION_IDLE_MINUTES" | "SESSION_ABSOLUTE_HOURS" | "TRUST_PROXY"
  > &
    BasemapSettings &
    Partial<Pick<Config, "DEMO_CLOCK" | "MAP_TILES_ABOVE" | "SHARED_READ_MS">>;
  /** Shared by every request (login throttling counts live here); tests pass their own. */
  auth?: AuthSettings;
  database: Database;
  logger?: FastifyServerOptions["logger"];
};

/** The HTTP server: tRPC at /trpc, the map's tiles at /tiles, health at /healthz, the built web app at /. */
export async function buildServer({ config, database, logger, auth: givenAuth }: ServerOptions) {
  const auth: AuthSettings = givenAuth ?? {
    policy: {
      idleMs: config.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    throttle: new LoginThrottle(database.prisma),
    anonymousAudit: new AnonymousAuditLimit(),
  };
  const basemap = basemapOf(config);
  const now = clockOf(config.DEMO_CLOCK);
  // One per process, checked against the database's data version (see shared-reads.ts in the API).
  const sharedReads = createSharedReads({
    ttlMs: config.SHARED_READ_MS ?? DEFAULT_SHARED_READ_MS,
    dataVersion: databaseDataVersion(database.prisma),
  });
  const app = Fastify({
    logger: logger ?? { level: config.LOG_LEVEL },
    trustProxy: config.TRUST_PROXY,
    // Generous for several procedures batched into one GET path.
    routerOptions: { maxParamLength: 5000 },
    // The ceiling, for the import alone; every other route is held to 1 MB (request-limits.ts).
    bodyLimit: IMPORT_BODY_LIMIT_BYTES,
  });
  limitRequestBodies(app);
  addSecurityHeaders(app, basemap);
  warnOfUntrustedProxy(app, config.TRUST_PROXY);

  // API answers are JSON of up to a few hundred KB (every organisation); static assets come precompressed.
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ["br", "gzip"] });

  await app.register(fastifyCookie);
  const contextFor = (request: FastifyRequest, reply: FastifyReply) =>
    createContextInner({
      prisma: database.prisma,
      now,
      request: {
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? "",
        sameOrigin: isSameOrigin(request),
      },
      sessionToken: request.cookies[SESSION_COOKIE] ?? null,
      sessionCookie: {
        set(token, maxAgeSeconds) {
          reply.setCookie(SESSION_COOKIE, token, { ...cookieFlags(request), maxAge: maxAgeSeconds });
        },
        clear() {
          reply.clearCookie(SESSION_COOKIE, cookieFlags(request));
        },
      },
      auth,
      basemap,
      ...(config.MAP_TILES_ABOVE === undefined ? {} : { mapTilesAbove: config.MAP_TILES_ABOVE }),
      sharedReads,
    });

  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }) => contextFor(req, res),
      onError({ path: procedure, error }) {
        if (error.code === "INTERNAL_SERVER_ERROR") app.log.error({ procedure, err: error }, "tRPC error");
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });

  addTileRoute(app, contextFor);

  app.get("/healthz", async (_request, reply) => {
    try {
      await database.prisma.$queryRaw`SELECT 1`;
      return { status: "ok", database: database.location.kind };
    } catch (error) {
      app.log.error({ err: error }, "health check failed");
      return reply.code(503).send({ status: "unavailable" });
    }
  });

  // Quzhou's county outlines (vendored in packages/geo) for the map's offline base layer.
  const counties = await readFile(COUNTIES_GEOJSON_PATH);
  app.get("/geo/quzhou-counties.geojson", (_request, reply) =>
    reply.type("application/geo+json").header("cache-control", "public, max-age=86400").send(counties),
  );

  const indexHtml = path.join(config.WEB_DIST, "index.html");
  if (existsSync(indexHtml)) {
    await app.register(fastifyStatic, {
      root: config.WEB_DIST,
      preCompressed: true, // the web build writes .br and .gz beside each asset
      wildcard: true, // a rebuilt web app is served without restarting
      setHeaders(reply, filePath) {
        // Hashed asset names never change content; index.html must always be fresh.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
    // Client-side routes (e.g. /briefing) get the app shell; a missing file (an asset of another
    // build, /trpc typos) is a plain 404 rather than HTML that the browser would try to run.
    app.setNotFoundHandler((request, reply) => {
      const isFile = /\.[a-z0-9]+$/i.test(request.url.split("?")[0] ?? "");
      if (request.method === "GET" && !isFile && !request.url.startsWith("/trpc"))
        return reply.sendFile("index.html");
      return reply.code(404).send({ error: "Not Found" });
    });
  } else {
    app.log.warn(`web app not built (${indexHtml} missing); run \`npm run build\` — only the API is served`);
  }

  return app;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure behind TLS. */
function cookieFlags(request: FastifyRequest) {
  return { path: "/", httpOnly: true, sameSite: "strict" as const, secure: request.protocol === "https" };
}
