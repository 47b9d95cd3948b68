// The map's vector tiles as binary, for MapLibre's vector source: GET
// /tiles/organizations/{z}/{x}/{y}.pbf?cycle=&unit=&show=A,B&v=. The work and the scope checks are the
// map.tile procedure's (so the scope and fuzz tests cover it); this turns its base64 into bytes and
// its errors into HTTP statuses.
import { type Context, createCaller } from "@beltmap/api";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

type TileInput = Parameters<ReturnType<typeof createCaller>["map"]["tile"]>[0];

export const TILE_PATH = "/tiles/organizations/:z/:x/:y.pbf";

type TileRequest = FastifyRequest<{
  Params: { z: string; x: string; y: string };
  Querystring: Record<string, string | undefined>;
}>;

export function addTileRoute(
  app: FastifyInstance,
  contextFor: (request: FastifyRequest, reply: FastifyReply) => Context,
): void {
  app.get(TILE_PATH, async (request: TileRequest, reply) => {
    const { z, x, y } = request.params;
    const { cycle, unit, show, v } = request.query;
    try {
      const { data } = await createCaller(contextFor(request, reply)).map.tile({
        z: integer(z),
        x: integer(x),
        y: integer(y),
        ...(cycle === undefined ? {} : { cycleId: integer(cycle) }),
        ...(unit === undefined ? {} : { unitId: unit }),
        // Unchecked here: the procedure's input schema refuses an unknown category.
        ...(show === undefined ? {} : { show: (show === "" ? [] : show.split(",")) as TileInput["show"] }),
        ...(v === undefined ? {} : { version: v }),
      });
      // The URL carries the data's version, but who may see what is the session's: never shared.
      return reply
        .type("application/vnd.mapbox-vector-tile")
        .header("cache-control", "private, no-store")
        .send(Buffer.from(data, "base64"));
    } catch (error) {
      const trpcError = error instanceof TRPCError ? error : null;
      if (!trpcError) throw error;
      return reply.code(getHTTPStatusCodeFromError(trpcError)).send({ error: messageOf(trpcError) });
    }
  });
}

/** The error for a person: a refused input names each field (show.0：无效选项…), not the schema's JSON. */
function messageOf(error: TRPCError): string {
  const issues = (error.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues;
  if (!issues?.length) return error.message;
  return issues.map((issue) => `${issue.path.map(String).join(".")}：${issue.message}`).join("；");
}

/** A whole number from the URL; anything else becomes NaN, which the procedure's input refuses. */
function integer(text: string): number {
  return /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
}
