import { defineConfig } from "vite";

// Preact's JSX through esbuild's automatic runtime: no Babel preset needed. Every built file but index.html
// carries a content hash in its name, so the servers can cache /assets/* for a year.
// biome-ignore lint/style/noDefaultExport: Vite loads a config file's default export.
export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsDir: "assets",
    modulePreload: { polyfill: false },
  },
});
