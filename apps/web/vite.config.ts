import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  build: {
    target: "es2022",
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      "/trpc": "http://localhost:3000",
      "/geo": "http://localhost:3000",
      "/healthz": "http://localhost:3000",
    },
  },
});
