import { useEffect, useRef } from "react";
import Editor, { type OnMount } from "@monaco-editor/react";
import { monaco } from "./monacoSetup";

type CodeEditor = Parameters<OnMount>[0];

interface MonacoEditorProps {
  projectId: string;
  path: string;
  /** The text to show when the file is opened or replaced from disk. */
  content: string;
  /** Changes whenever `content` must replace the buffer (open, reload from disk, a clean buffer updated on disk). */
  revision: number;
  onChange: (value: string) => void;
  onSave: () => void;
}

/**
 * Monaco, loaded from the local monaco-editor package; Ctrl/Cmd+S saves. One model per project file.
 * The editor is uncontrolled: typing never round-trips through React state (which would race fast typing and
 * jump the cursor); outside content is pushed in only when `revision` changes, as an undoable edit.
 */
export default function MonacoEditor({ projectId, path, content, revision, onChange, onSave }: MonacoEditorProps) {
  const editorRef = useRef<CodeEditor | null>(null);
  const saveRef = useRef(onSave);
  saveRef.current = onSave;
  const contentRef = useRef(content);
  contentRef.current = content;

  const sync = () => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === contentRef.current) return;
    editor.pushUndoStop();
    editor.executeEdits("disk", [{ range: model.getFullModelRange(), text: contentRef.current }]);
    editor.pushUndoStop();
  };

  useEffect(sync, [path, revision]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saveRef.current());
    sync();
  };

  return (
    <Editor
      path={`file:///${projectId}/${path}`}
      defaultValue={content}
      onChange={(v) => onChange(v ?? "")}
      onMount={onMount}
      theme="vs-dark"
      options={{
        automaticLayout: true,
        fontSize: 13,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        tabSize: 2,
        wordWrap: "on",
      }}
    />
  );
}
