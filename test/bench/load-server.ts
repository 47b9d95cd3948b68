// The real Beltmap server (buildServer, as main.ts builds it) for the load test, in a process of its
// own so its memory and CPU are its own: configured from the environment like `npm start`, but it
// listens on 127.0.0.1 only, on a port the kernel picks, and tells its parent that port over IPC.
// It stops (app closed, database closed) when the parent says "stop", disconnects, or on a signal.
// Started by test/bench/load.ts; not meant to be run by hand.
import { openDatabase } from "@beltmap/db";
import { buildServer } from "../../apps/server/src/app.ts";
import { loadConfig } from "../../apps/server/src/config.ts";

export type LoadServerMessage = { ready: { port: number; host: string } } | { failed: string };

const LOOPBACK = "127.0.0.1";

async function main() {
  if (!process.send) throw new Error("load-server.ts runs as a child of load.ts (it needs an IPC channel)");
  const send = (message: LoadServerMessage) => process.send?.(message);
  const config = loadConfig({ ...process.env, HOST: LOOPBACK, PORT: "0" });
  const database = await openDatabase(config.DATABASE_URL);
  const app = await buildServer({ config, database });

  let closing: Promise<void> | null = null;
  const stop = () => {
    closing ??= (async () => {
      await app.close(); // lets requests in flight finish
      await database.close();
      // As main.ts does: whatever else holds the event loop (timers of the API's limits) ends here.
      process.exit(0);
    })();
    return closing;
  };
  process.on("message", (message) => {
    if (message === "stop") void stop();
  });
  process.on("disconnect", () => void stop());
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());

  try {
    await app.listen({ port: 0, host: LOOPBACK });
  } catch (error) {
    await database.close();
    throw error;
  }
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("the server has no TCP address");
  send({ ready: { port: address.port, host: address.address } });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.send?.({ failed: message } satisfies LoadServerMessage);
  console.error(message);
  process.exitCode = 1;
  process.disconnect?.();
});
