import type { ReactNode } from "react";
import { navigate } from "../lib/router";
import type { HealthDto, UserDto } from "../lib/types";

interface HeaderProps {
  user: UserDto;
  health: HealthDto | null;
  onSignOut: () => void;
  children?: ReactNode;
}

/** The top bar: brand, page-specific content, the replay badge and the account menu. */
export function Header({ user, health, onSignOut, children }: HeaderProps) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-zinc-800 bg-zinc-900/80 px-4">
      <button
        type="button"
        onClick={() => navigate("/")}
        className="flex items-center gap-2 font-semibold tracking-tight text-zinc-100 hover:text-white"
        data-testid="nav-home"
      >
        <span className="grid h-6 w-6 place-items-center rounded-md bg-gradient-to-br from-fuchsia-500 to-sky-500 text-xs">
          A
        </span>
        AppBuilder
      </button>
      <div className="flex min-w-0 flex-1 items-center gap-3">{children}</div>
      {health?.model?.isReplay ? (
        <span
          className="rounded-full border border-amber-500/40 bg-amber-500/10 px-2 py-0.5 text-xs text-amber-300"
          title="Answers come from recorded transcripts, not a live model. Configure AppBuilder:Model:Provider to use a real model."
          data-testid="replay-badge"
        >
          Replay model
        </span>
      ) : health?.model ? (
        <span className="text-xs text-zinc-500">model: {health.model.provider}</span>
      ) : null}
      <span className="hidden text-xs text-zinc-400 sm:inline" data-testid="user-email">
        {user.email}
      </span>
      <button
        type="button"
        onClick={onSignOut}
        className="rounded-md px-2 py-1 text-xs text-zinc-300 hover:bg-zinc-800"
        data-testid="sign-out"
      >
        Sign out
      </button>
    </header>
  );
}
