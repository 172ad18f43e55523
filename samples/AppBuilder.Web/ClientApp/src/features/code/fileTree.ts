import type { FileEntryDto } from "../../lib/types";

export interface TreeNode {
  name: string;
  path: string;
  isDirectory: boolean;
  children: TreeNode[];
}

/** Builds a folder tree from a flat listing; folders first, then files, each alphabetical. */
export function buildTree(entries: FileEntryDto[]): TreeNode[] {
  const root: TreeNode = { name: "", path: "", isDirectory: true, children: [] };
  const folders = new Map<string, TreeNode>([["", root]]);

  const folder = (path: string): TreeNode => {
    const existing = folders.get(path);
    if (existing) return existing;
    const slash = path.lastIndexOf("/");
    const parent = folder(slash < 0 ? "" : path.slice(0, slash));
    const node: TreeNode = { name: path.slice(slash + 1), path, isDirectory: true, children: [] };
    parent.children.push(node);
    folders.set(path, node);
    return node;
  };

  for (const entry of entries) {
    const path = entry.path.replace(/^\/+|\/+$/g, "");
    if (!path) continue;
    if (entry.isDirectory) {
      folder(path);
      continue;
    }
    const slash = path.lastIndexOf("/");
    folder(slash < 0 ? "" : path.slice(0, slash)).children.push({
      name: path.slice(slash + 1),
      path,
      isDirectory: false,
      children: [],
    });
  }

  const sort = (node: TreeNode) => {
    node.children.sort((a, b) => (a.isDirectory === b.isDirectory ? a.name.localeCompare(b.name) : a.isDirectory ? -1 : 1));
    node.children.forEach(sort);
  };
  sort(root);
  return root.children;
}

/** The folders that contain a path ("src/a/b.ts" → ["src", "src/a"]). */
export function ancestors(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}
