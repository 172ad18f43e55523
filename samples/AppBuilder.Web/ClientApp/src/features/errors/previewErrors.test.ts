import { describe, expect, it } from "vitest";
import type { PreviewErrorDto } from "../../lib/types";
import { mergePreviewError, previewErrorOf } from "./usePreviewErrors";

const error = (id: string, state: PreviewErrorDto["state"]): PreviewErrorDto => ({
  id, kind: "runtime", message: "TypeError: x", count: 1, firstSeen: "", lastSeen: "", state, attempts: 0,
});

describe("preview errors", () => {
  it("upserts by id, newest first, and drops resolved ones", () => {
    let list = mergePreviewError([], error("a", "open"));
    list = mergePreviewError(list, error("b", "open"));
    expect(list.map((e) => e.id)).toEqual(["b", "a"]);
    list = mergePreviewError(list, error("a", "fixing"));
    expect(list.map((e) => `${e.id}:${e.state}`)).toEqual(["a:fixing", "b:open"]);
    list = mergePreviewError(list, error("a", "resolved"));
    expect(list.map((e) => e.id)).toEqual(["b"]);
  });

  it("ignores payloads that are not preview errors", () => {
    expect(previewErrorOf({ projectId: "p", id: "a", message: "m", state: "weird" })).toBeNull();
    expect(previewErrorOf({ projectId: "p", message: "m", state: "open" })).toBeNull();
    expect(previewErrorOf({ projectId: "p", id: "a", message: "m", state: "open" })?.id).toBe("a");
  });
});

describe("fix turn labels", () => {
  it("recognises the server's fix prompt and whether it was automatic", async () => {
    const { fixTurnOf } = await import("../chat/ChatEntryView");
    expect(fixTurnOf("build me a todo app")).toBeNull();
    expect(fixTurnOf("Fix this error from the app's preview.\nRequested with \"Fix it\" in the editor.\n\nRuntime error: TypeError: x")).toEqual({
      automatic: false,
      summary: "Runtime error: TypeError: x",
    });
    expect(fixTurnOf("Fix this error from the app's preview.\nAutomatic fix: attempt 1 of 3.\n\nBuild error (Vite): y")?.automatic).toBe(true);
  });
});
