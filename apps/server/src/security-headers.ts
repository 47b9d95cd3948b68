import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Basemap } from "./config.ts";

/**
 * The browser's own defences: scripts only from this server (no inline script, no eval), no
 * framing by other sites (clickjacking), no MIME sniffing. MapLibre runs its workers from blob:
 * URLs and ECharts writes style attributes; tiles of a configured basemap come from its servers.
 */
export function contentSecurityPolicy(basemap: Basemap | null): string {
  const tileOrigins = basemap ? originsOf([...basemap.tiles, ...(basemap.labelTiles ?? [])]) : [];
  const tiles = tileOrigins.length > 0 ? ` ${tileOrigins.join(" ")}` : "";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles}`,
    `connect-src 'self'${tiles}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function addSecurityHeaders(app: FastifyInstance, basemap: Basemap | null): void {
  const policy = contentSecurityPolicy(basemap);
  app.addHook("onSend", async (_request, reply) => {
    reply.header("content-security-policy", policy);
    reply.header("x-frame-options", "DENY");
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
  });
}

/**
 * False when the browser tells that another site made this request: Sec-Fetch-Site says so, or
 * the Origin (scheme, host and port) is not ours. Requests without those headers (curl, scripts)
 * are not from a browser page and carry no ambient cookie of a victim.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") return false;
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).origin === new URL(`${request.protocol}://${request.headers.host}`).origin;
  } catch {
    return false;
  }
}

function originsOf(templates: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const template of templates) {
    try {
      origins.add(new URL(template.replace(/[{}]/g, "")).origin);
    } catch {
      // a template validated at start-up always parses; nothing to allow otherwise
    }
  }
  return [...origins];
}
