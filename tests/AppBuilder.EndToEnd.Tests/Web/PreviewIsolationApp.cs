namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>
/// The hostile app the preview-isolation test writes into a project: on load it tries every way out of its preview
/// origin and reports each attempt as <c>{ name, leaked, detail }</c> into <c>[data-testid=probes]</c>.
/// </summary>
internal static class PreviewIsolationApp
{
    public const string HeaderMarker = "x-appbuilder-e2e";

    /// <summary>The template's vite.config.ts plus response headers a page must not be able to set through the preview.</summary>
    public const string ViteConfig = """
        import { defineConfig, loadEnv } from "vite";
        import react from "@vitejs/plugin-react";
        import tailwindcss from "@tailwindcss/vite";

        export default defineConfig(({ mode }) => {
          const env = loadEnv(mode, ".", "APPBUILDER_");
          return {
            base: env.APPBUILDER_PREVIEW_BASE || "/",
            plugins: [react(), tailwindcss()],
            cacheDir: ".vite",
            server: {
              host: "127.0.0.1",
              strictPort: true,
              headers: {
                "Service-Worker-Allowed": "/",
                "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
                "Clear-Site-Data": "\"cookies\", \"storage\"",
                "X-AppBuilder-E2E": "on",
              },
            },
          };
        });

        """;

    public const string ServiceWorker = "self.addEventListener('fetch', (event) => event.respondWith(new Response('hijacked')));\n";

    public const string App = """
        import Heading from "./Heading";
        import Probes from "./Probes";

        export default function App() {
          return (
            <main className="p-8">
              <Heading />
              <Probes />
            </main>
          );
        }

        """;

    public static string Heading(string text) => $$"""
        export default function Heading() {
          return <h1 data-testid="heading">{{text}}</h1>;
        }

        """;

    /// <summary>The probes; <paramref name="editorOrigin"/> is the editor (no trailing slash), <paramref name="otherOrigin"/>
    /// another project's preview origin, <paramref name="projectId"/> this project.</summary>
    public static string Probes(string editorOrigin, string otherOrigin, string projectId) => """
        import { useEffect, useState } from "react";

        const EDITOR = "__EDITOR__";
        const OTHER = "__OTHER__";
        const PROJECT = "__PROJECT__";

        type Probe = { name: string; leaked: boolean; detail: string };

        async function attempt(name: string, run: () => Promise<string | null>): Promise<Probe> {
          try {
            const leak = await run();
            return { name, leaked: leak !== null, detail: leak ?? "blocked" };
          } catch (e) {
            return { name, leaked: false, detail: "blocked: " + String(e) };
          }
        }

        const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

        async function readJsonList(url: string): Promise<string | null> {
          const response = await fetch(url, { credentials: "include" });
          const text = await response.text();
          try {
            return Array.isArray(JSON.parse(text)) ? text.slice(0, 200) : null;
          } catch {
            return null;
          }
        }

        function openSocket(url: string): Promise<string | null> {
          return new Promise((resolve) => {
            const timer = setTimeout(() => resolve(null), 5000);
            const ws = new WebSocket(url);
            ws.onopen = () => { clearTimeout(timer); ws.close(); resolve("opened " + url); };
            ws.onerror = () => { clearTimeout(timer); resolve(null); };
            ws.onclose = () => { clearTimeout(timer); resolve(null); };
          });
        }

        async function dangerousHeaders(): Promise<string | null> {
          // Vite restarts when vite.config.ts changes: wait until its headers are live (the marker), then look for the rest.
          for (let i = 0; i < 30; i++) {
            const response = await fetch("/", { cache: "no-store" });
            if (response.headers.get("__MARKER__") === "on") {
              const leaked = ["strict-transport-security", "clear-site-data", "service-worker-allowed"].filter((h) => response.headers.get(h) !== null);
              return leaked.length > 0 ? "present: " + leaked.join(", ") : null;
            }
            await sleep(500);
          }
          return "the dev server never sent the vite.config.ts headers (marker missing), so this probe proves nothing";
        }

        // Opened in a tab of its own (not framed), only what a top-level page could still abuse is tried.
        export async function runTopLevelProbes(): Promise<Probe[]> {
          return Promise.all([
            attempt("read document.cookie", async () => (document.cookie.length > 0 ? document.cookie : null)),
            attempt("register service worker /sw.js with scope /", async () =>
              "registered " + (await navigator.serviceWorker.register("/sw.js", { scope: "/" })).scope),
            attempt("register service worker /workers/sw.js with scope / (Service-Worker-Allowed)", async () =>
              "registered " + (await navigator.serviceWorker.register("/workers/sw.js", { scope: "/" })).scope),
            attempt("HSTS, Clear-Site-Data and Service-Worker-Allowed from vite.config", dangerousHeaders),
          ]);
        }

        export async function runProbes(): Promise<Probe[]> {
          return Promise.all([
            attempt("fetch own origin /api/projects with credentials", () => readJsonList("/api/projects")),
            attempt("fetch editor /api/projects with credentials", () => readJsonList(EDITOR + "/api/projects")),
            attempt("no-cors POST to the editor's persist", async () => {
              await fetch(EDITOR + "/api/projects/" + PROJECT + "/persist", { method: "POST", mode: "no-cors", credentials: "include" });
              return null;
            }),
            attempt("read window.parent.document", async () => "title: " + window.parent.document.title),
            attempt("read document.cookie", async () => (document.cookie.length > 0 ? document.cookie : null)),
            attempt("register service worker /sw.js with scope /", async () =>
              "registered " + (await navigator.serviceWorker.register("/sw.js", { scope: "/" })).scope),
            attempt("register service worker /workers/sw.js with scope / (Service-Worker-Allowed)", async () =>
              "registered " + (await navigator.serviceWorker.register("/workers/sw.js", { scope: "/" })).scope),
            attempt("HSTS, Clear-Site-Data and Service-Worker-Allowed from vite.config", dangerousHeaders),
            attempt("WebSocket to the editor's /api/hub", () => openSocket(EDITOR.replace(/^http/, "ws") + "/api/hub")),
            attempt("POST /api/hub/negotiate on the editor", async () => {
              const response = await fetch(EDITOR + "/api/hub/negotiate?negotiateVersion=1", { method: "POST", credentials: "include" });
              return (await response.text()).slice(0, 100);
            }),
            attempt("fetch another project's preview with credentials", async () =>
              (await (await fetch(OTHER + "/", { credentials: "include" })).text()).slice(0, 100)),
            attempt("no-cors fetch of another project's source", async () => {
              const response = await fetch(OTHER + "/src/App.tsx", { mode: "no-cors", credentials: "include" });
              return response.type === "opaque" ? null : (await response.text()).slice(0, 100);
            }),
            attempt("navigate the editor's tab", async () => {
              window.top!.location.href = "about:blank";
              await sleep(1000);
              return null;
            }),
          ]);
        }

        export default function Probes() {
          const [results, setResults] = useState<Probe[] | null>(null);
          useEffect(() => {
            let live = true;
            (window.top === window ? runTopLevelProbes() : runProbes()).then((r) => live && setResults(r));
            return () => { live = false; };
          }, []);
          return (
            <pre data-testid="probes" data-done={results ? "true" : "false"} data-framed={window.top === window ? "false" : "true"}>
              {results ? JSON.stringify(results) : "running"}
            </pre>
          );
        }

        """.Replace("__EDITOR__", editorOrigin, StringComparison.Ordinal)
        .Replace("__OTHER__", otherOrigin, StringComparison.Ordinal)
        .Replace("__PROJECT__", projectId, StringComparison.Ordinal)
        .Replace("__MARKER__", HeaderMarker, StringComparison.Ordinal);
}
