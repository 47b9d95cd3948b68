// Compiles the server into dist/ so that production starts plain JavaScript: no TypeScript is
// transformed at start, and the workspace's packages and the pure-JavaScript libraries they use load
// as a few files instead of hundreds of modules (@turf/turf alone is ~100; only what is used of it
// is kept). Packages that load files next to their code (WebAssembly, native addons, a query
// compiler) or that the server loads lazily stay external and are resolved by Node at run time.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const SERVER_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(SERVER_DIR, "../..");
const OUT_DIR = path.join(SERVER_DIR, "dist");

const EXTERNAL = [
  "@prisma/*", // the query compiler's WebAssembly
  "@electric-sql/pglite", // PostgreSQL as WebAssembly, with its data files
  "pglite-prisma-adapter",
  "@node-rs/argon2", // a native addon
  "pg", // optionally requires pg-native
  "fastify", // plugins find each other by name at run time
  "@fastify/*",
  "exceljs", // loaded only by the exports and imports
  "papaparse",
];

/**
 * Code that finds files next to itself (`import.meta.url`: the migrations, the county outlines,
 * the web app's build) keeps finding them: each source file's `import.meta.url` becomes its
 * original location, written relative to the bundle so the checkout can move.
 */
const originalImportMetaUrl: Plugin = {
  name: "original-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const relative = path.relative(OUT_DIR, args.path).split(path.sep).join("/");
      const original = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
      return { contents: source.replaceAll("import.meta.url", original), loader: "ts" };
    });
  },
};

await rm(OUT_DIR, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: "src/main.ts" },
  absWorkingDir: SERVER_DIR,
  outdir: OUT_DIR,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  splitting: true, // what the server imports lazily (the xlsx exports) stays out of the start
  metafile: true,
  logLevel: "warning",
  external: EXTERNAL,
  plugins: [originalImportMetaUrl],
  // Some bundled CommonJS code calls require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith(".js"));
const kb = outputs.reduce((sum, [, output]) => sum + output.bytes, 0) / 1024;
console.log(
  `server compiled into ${path.relative(REPO_ROOT, OUT_DIR)}: ${outputs.length} files, ${kb.toFixed(0)} KB`,
);
