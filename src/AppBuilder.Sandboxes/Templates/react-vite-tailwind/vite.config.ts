import { defineConfig, loadEnv } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

// AppBuilder runs this dev server behind its preview proxy and passes, as environment variables:
//   APPBUILDER_PREVIEW_BASE      the path the preview is served under (Vite `base`), "/" by default
//   APPBUILDER_HMR_CLIENT_PORT   the port the browser uses for the HMR websocket, when it differs from --port
// The port itself comes from the command line (`vite --port <port> --strictPort`).
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, ".", "APPBUILDER_");
  const base = env.APPBUILDER_PREVIEW_BASE || "/";
  const hmrClientPort = Number(env.APPBUILDER_HMR_CLIENT_PORT) || undefined;

  return {
    base,
    plugins: [react(), tailwindcss()],
    // Each project keeps its own optimizer cache: node_modules is linked from a shared dependency cache.
    cacheDir: ".vite",
    server: {
      host: "127.0.0.1",
      strictPort: true,
      hmr: hmrClientPort ? { clientPort: hmrClientPort } : undefined,
    },
    preview: {
      host: "127.0.0.1",
      strictPort: true,
    },
  };
});
