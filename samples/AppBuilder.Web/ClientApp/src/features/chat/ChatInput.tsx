import { useState, type FormEvent } from "react";

interface ChatInputProps {
  running: boolean;
  /** Messages worth offering (the replay model's recorded follow-ups); clicking one fills the box. */
  suggestions?: string[];
  disabled?: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
}

/** The message box; while a turn runs it offers Stop instead of Send. */
export function ChatInput({ running, suggestions = [], disabled, onSend, onStop }: ChatInputProps) {
  const [text, setText] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value || running || disabled) return;
    onSend(value);
    setText("");
  };
  return (
    <form onSubmit={submit} className="shrink-0 border-t border-zinc-800 p-3">
      {suggestions.length > 0 && !running ? (
        <div className="mb-2 flex flex-wrap gap-1.5 text-[11px]" data-testid="chat-suggestions">
          {suggestions.map((s) => (
            <button
              key={s}
              type="button"
              onClick={() => setText(s)}
              className="rounded-full border border-zinc-700 px-2 py-0.5 text-zinc-400 hover:border-sky-500 hover:text-sky-300"
              title="A follow-up the replay model has a recording for"
            >
              {s}
            </button>
          ))}
        </div>
      ) : null}
      <div className="rounded-xl border border-zinc-700 bg-zinc-900 focus-within:border-zinc-500">
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
          rows={2}
          placeholder={running ? "The agent is working…" : "Ask for a change…"}
          className="block w-full resize-none bg-transparent px-3 py-2 text-sm outline-none placeholder:text-zinc-500"
          data-testid="chat-input"
        />
        <div className="flex justify-end p-1.5">
          {running ? (
            <button
              type="button"
              onClick={onStop}
              className="rounded-lg bg-zinc-700 px-3 py-1 text-xs font-medium hover:bg-zinc-600"
              data-testid="chat-stop"
            >
              ■ Stop
            </button>
          ) : (
            <button
              type="submit"
              disabled={!text.trim() || disabled}
              className="rounded-lg bg-sky-600 px-3 py-1 text-xs font-medium hover:bg-sky-500 disabled:opacity-40"
              data-testid="chat-send"
            >
              Send
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
