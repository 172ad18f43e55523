import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

// The ASP.NET Core host serves the built app from wwwroot/app/ under the /app/ base path and falls back to
// app/index.html for client routes. `npm run dev` proxies the API, the SignalR hub, sign-in, the sample's /host
// endpoints and previews to the host.
const hostUrl = process.env.APPBUILDER_HOST_URL ?? "http://127.0.0.1:5080";

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
    },
  },
});
