import { describe, expect, it } from "vitest";
import { diffLines } from "./diffLines";

describe("diffLines", () => {
  it("drops the headers and classifies every body line", () => {
    const lines = diffLines("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n\\ No newline at end of file\n");

    expect(lines.map((l) => l.kind)).toEqual(["hunk", "context", "removed", "added", "note"]);
    expect(lines[2].text).toBe("-b");
  });

  it("keeps removed and added lines that look like headers", () => {
    const lines = diffLines("--- a/x.sql\n+++ b/x.sql\n@@ -1 +1 @@\n--- old comment\n+++ new\n");

    expect(lines.map((l) => [l.kind, l.text])).toEqual([
      ["hunk", "@@ -1 +1 @@"],
      ["removed", "--- old comment"],
      ["added", "+++ new"],
    ]);
  });

  it("returns nothing for headers only (an empty file added)", () => {
    expect(diffLines("--- /dev/null\n+++ b/empty.txt\n")).toEqual([]);
  });
});
