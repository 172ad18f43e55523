/** A line of a unified diff's body, classified for display. */
export interface DiffLine {
  text: string;
  kind: "hunk" | "added" | "removed" | "context" | "note";
}

/** Splits a unified diff (as the diff API returns it) into its body lines, without the `---`/`+++` headers. */
export function diffLines(unified: string): DiffLine[] {
  const lines = unified.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  // The headers are the first two lines; later lines starting with "--- " are removed lines ("-- a comment").
  const body = lines.length >= 2 && lines[0].startsWith("--- ") && lines[1].startsWith("+++ ") ? lines.slice(2) : lines;
  return body.map((text) => ({
      text,
      kind: text.startsWith("@@")
        ? "hunk"
        : text.startsWith("+")
          ? "added"
          : text.startsWith("-")
            ? "removed"
            : text.startsWith("\\")
              ? "note"
              : "context",
    }));
}
