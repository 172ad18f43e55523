import { useRef } from "react";
import Editor, { type OnMount } from "@monaco-editor/react";
import { monaco } from "./monacoSetup";

interface MonacoEditorProps {
  projectId: string;
  path: string;
  value: string;
  onChange: (value: string) => void;
  onSave: () => void;
}

/** Monaco, loaded from the local monaco-editor package; Ctrl/Cmd+S saves. One model per project file. */
export default function MonacoEditor({ projectId, path, value, onChange, onSave }: MonacoEditorProps) {
  const saveRef = useRef(onSave);
  saveRef.current = onSave;
  const onMount: OnMount = (editor) => {
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saveRef.current());
  };

  return (
    <Editor
      path={`file:///${projectId}/${path}`}
      value={value}
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
