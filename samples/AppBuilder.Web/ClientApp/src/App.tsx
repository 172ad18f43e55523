import { useCallback, useEffect, useState } from "react";
import { api, onUnauthorized } from "./lib/api";
import { navigate, useRoute } from "./lib/router";
import type { HealthDto, UserDto } from "./lib/types";
import { LoginPage } from "./pages/LoginPage";
import { DashboardPage } from "./pages/DashboardPage";
import { EditorPage } from "./pages/EditorPage";
import { Spinner } from "./components/Spinner";

type AuthState = { kind: "checking" } | { kind: "signedOut" } | { kind: "signedIn"; user: UserDto };

export function App() {
  const route = useRoute();
  const [auth, setAuth] = useState<AuthState>({ kind: "checking" });
  const [health, setHealth] = useState<HealthDto | null>(null);

  useEffect(() => {
    api
      .me()
      .then((user) => setAuth({ kind: "signedIn", user }))
      .catch(() => setAuth({ kind: "signedOut" }));
    return onUnauthorized(() => setAuth({ kind: "signedOut" }));
  }, []);

  // The model and sandbox in /api/health are for signed-in users only: ask again whenever the person signs in.
  useEffect(() => {
    if (auth.kind !== "signedIn") {
      setHealth(null);
      return;
    }
    let current = true;
    api
      .health()
      .then((h) => current && setHealth(h))
      .catch(() => current && setHealth(null));
    return () => {
      current = false;
    };
  }, [auth.kind]);

  useEffect(() => {
    if (auth.kind === "signedOut" && route.name !== "login") navigate("/login", true);
    if (auth.kind === "signedIn" && route.name === "login") navigate("/", true);
  }, [auth, route.name]);

  const signedIn = useCallback((user: UserDto) => setAuth({ kind: "signedIn", user }), []);
  const signOut = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setAuth({ kind: "signedOut" });
  }, []);

  if (auth.kind === "checking") {
    return (
      <div className="grid h-full place-items-center">
        <Spinner className="h-6 w-6" />
      </div>
    );
  }
  if (auth.kind === "signedOut") return <LoginPage onSignedIn={signedIn} />;

  const common = { user: auth.user, health, onSignOut: signOut };
  switch (route.name) {
    case "editor":
      return <EditorPage key={route.projectId} projectId={route.projectId} {...common} />;
    case "dashboard":
    case "login":
      return <DashboardPage {...common} />;
    default:
      return (
        <div className="grid h-full place-items-center text-zinc-400">
          <div className="text-center">
            <p>Page not found.</p>
            <button className="mt-2 text-sky-400 underline" onClick={() => navigate("/")}>
              Go to your projects
            </button>
          </div>
        </div>
      );
  }
}
