import { useEffect, useState, type FormEvent } from "react";
import { api } from "../lib/api";
import type { UserDto } from "../lib/types";

interface LoginPageProps {
  onSignedIn: (user: UserDto) => void;
}

/**
 * Sign in or create an account; both post to the host's own /auth endpoints, which set the session cookie. Creating
 * an account is offered only when the host allows registration (GET /auth/options).
 */
export function LoginPage({ onSignedIn }: LoginPageProps) {
  const [mode, setMode] = useState<"signIn" | "register">("signIn");
  const [allowRegistration, setAllowRegistration] = useState(false);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .signInOptions()
      .then((options) => setAllowRegistration(options.allowRegistration))
      .catch(() => setAllowRegistration(false));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = mode === "signIn" ? await api.login(email, password) : await api.register(email, password);
      onSignedIn(user);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const input =
    "w-full rounded-lg border border-zinc-700 bg-zinc-900 px-3 py-2 text-sm outline-none focus:border-sky-500";

  return (
    <div className="grid h-full place-items-center bg-[radial-gradient(ellipse_at_top,_rgba(217,70,239,0.15),_transparent_60%)] p-4">
      <form
        onSubmit={submit}
        className="w-full max-w-sm space-y-4 rounded-2xl border border-zinc-800 bg-zinc-900/80 p-6 shadow-xl"
        data-testid="login-form"
      >
        <div>
          <h1 className="text-xl font-semibold">{mode === "signIn" ? "Sign in to AppBuilder" : "Create an account"}</h1>
          <p className="mt-1 text-sm text-zinc-400">Describe an app, watch it being built, edit it live.</p>
        </div>
        <label className="block space-y-1 text-sm">
          <span className="text-zinc-300">Email</span>
          <input
            className={input}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="login-email"
          />
        </label>
        <label className="block space-y-1 text-sm">
          <span className="text-zinc-300">Password</span>
          <input
            className={input}
            type="password"
            autoComplete={mode === "signIn" ? "current-password" : "new-password"}
            required
            minLength={mode === "register" ? 8 : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        {error ? (
          <p className="rounded-md bg-red-500/10 px-3 py-2 text-sm text-red-300" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded-lg bg-sky-600 py-2 text-sm font-medium hover:bg-sky-500 disabled:opacity-50"
          data-testid="login-submit"
        >
          {busy ? "…" : mode === "signIn" ? "Sign in" : "Create account"}
        </button>
        {allowRegistration ? (
          <button
            type="button"
            onClick={() => {
              setMode(mode === "signIn" ? "register" : "signIn");
              setError(null);
            }}
            className="w-full text-center text-xs text-zinc-400 hover:text-zinc-200"
            data-testid="login-toggle-mode"
          >
            {mode === "signIn" ? "No account? Create one" : "Have an account? Sign in"}
          </button>
        ) : null}
      </form>
    </div>
  );
}
