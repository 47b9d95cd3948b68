import type { FastifyInstance } from "fastify";
import type { Config } from "./config.ts";

/**
 * Without TRUST_PROXY every request seems to come from the proxy's address, so the login limits
 * of all users behind it are one: the operator is told, once, on the first request that shows a
 * proxy (X-Forwarded-For), rather than learning it from users locked out together.
 */
export function warnOfUntrustedProxy(app: FastifyInstance, trustProxy: Config["TRUST_PROXY"]): void {
  if (trustProxy !== false) return;
  let warned = false;
  app.addHook("onRequest", async (request) => {
    if (warned || request.headers["x-forwarded-for"] === undefined) return;
    warned = true;
    request.log.warn(
      { proxy: request.ip },
      `收到带 X-Forwarded-For 的请求，但未设置 TRUST_PROXY：所有用户都按代理的地址 ${request.ip} 计数，登录限制会让他们互相影响。` +
        "若 Beltmap 在反向代理之后，请设置 TRUST_PROXY=true（代理在本机）或代理的地址。",
    );
  });
}
