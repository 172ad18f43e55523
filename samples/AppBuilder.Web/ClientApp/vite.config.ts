import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

// The ASP.NET Core host serves the built app from wwwroot/app/ under the /app/ base path and falls back to
// app/index.html for client routes. `npm run dev` proxies the API, the SignalR hub, sign-in, the sample's /host
// endpoints and previews to the host, keeping the Host header: the host names each project's preview origin after the
// editor's port (http://{id}.preview.localhost:5173 here), so every request to such a host goes to the host too.
const hostUrl = process.env.APPBUILDER_HOST_URL ?? "http://127.0.0.1:5080";
const isPreviewHost = (host: string | undefined) => /\.preview\.localhost(?::\d+)?$/i.test(host ?? "");

export default defineConfig({
  base: "/app/",
  plugins: [react(), tailwindcss()],
  build: {
    outDir: "../wwwroot/app",
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
  },
  worker: { format: "es" },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: hostUrl, ws: true },
      "/auth": { target: hostUrl },
      "/host": { target: hostUrl },
      "/preview": { target: hostUrl, ws: true },
      // Everything on a project's preview origin (its app, HMR socket and grant exchange); the editor's own files stay here.
      "^/.*": { target: hostUrl, ws: true, bypass: (req) => (isPreviewHost(req.headers.host) ? undefined : req.url) },
    },
  },
});
