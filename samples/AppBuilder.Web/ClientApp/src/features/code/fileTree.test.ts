import { describe, expect, it } from "vitest";
import { ancestors, buildTree } from "./fileTree";

describe("buildTree", () => {
  it("nests files under folders, folders first, alphabetical, creating folders the listing omits", () => {
    const tree = buildTree([
      { path: "src/components/TodoList.tsx", isDirectory: false, size: 1 },
      { path: "package.json", isDirectory: false, size: 1 },
      { path: "src", isDirectory: true, size: 0 },
      { path: "src/App.tsx", isDirectory: false, size: 1 },
      { path: "index.html", isDirectory: false, size: 1 },
    ]);
    expect(tree.map((n) => n.path)).toEqual(["src", "index.html", "package.json"]);
    expect(tree[0].children.map((n) => n.path)).toEqual(["src/components", "src/App.tsx"]);
    expect(tree[0].children[0].children.map((n) => n.name)).toEqual(["TodoList.tsx"]);
  });
});

describe("ancestors", () => {
  it("lists the folders that contain a path", () => {
    expect(ancestors("src/a/b.ts")).toEqual(["src", "src/a"]);
    expect(ancestors("index.html")).toEqual([]);
  });
});
