import type { TreeNode } from "./fileTree";

interface FileTreeProps {
  nodes: TreeNode[];
  expanded: Set<string>;
  openPath: string | null;
  dirtyPath: string | null;
  onToggle: (path: string) => void;
  onOpen: (path: string) => void;
}

/** The project's files (GET files): click a folder to expand it, a file to open it in the editor. */
export function FileTree({ nodes, expanded, openPath, dirtyPath, onToggle, onOpen }: FileTreeProps) {
  return (
    <ul className="py-1 text-[13px]" data-testid="file-tree" role="tree">
      {nodes.map((node) => (
        <TreeItem key={node.path} node={node} depth={0} {...{ expanded, openPath, dirtyPath, onToggle, onOpen }} />
      ))}
    </ul>
  );
}

function TreeItem({ node, depth, ...props }: { node: TreeNode; depth: number } & Omit<FileTreeProps, "nodes">) {
  const { expanded, openPath, dirtyPath, onToggle, onOpen } = props;
  const isOpen = expanded.has(node.path);
  const selected = node.path === openPath;
  return (
    <li role="treeitem" aria-expanded={node.isDirectory ? isOpen : undefined}>
      <button
        type="button"
        onClick={() => (node.isDirectory ? onToggle(node.path) : onOpen(node.path))}
        className={`flex w-full items-center gap-1 truncate py-0.5 pr-2 text-left ${
          selected ? "bg-sky-500/20 text-sky-200" : "text-zinc-300 hover:bg-zinc-800"
        }`}
        style={{ paddingLeft: 8 + depth * 12 }}
        data-testid="file-tree-item"
        data-path={node.path}
        data-directory={node.isDirectory ? "true" : "false"}
        title={node.path}
      >
        <span className="w-3 shrink-0 text-[10px] text-zinc-500">{node.isDirectory ? (isOpen ? "▾" : "▸") : ""}</span>
        <span className={node.isDirectory ? "text-zinc-200" : ""}>{node.name}</span>
        {node.path === dirtyPath ? <span className="ml-1 text-amber-400">●</span> : null}
      </button>
      {node.isDirectory && isOpen ? (
        <ul role="group">
          {node.children.map((child) => (
            <TreeItem key={child.path} node={child} depth={depth + 1} {...props} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
