import { defineConfig } from "vite";

// The built UI ships inside the Python package: src/sitroom/web/static (served from memory by the API).
export default defineConfig({
  base: "/",
  build: {
    outDir: "../src/sitroom/web/static",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
});
