import { useRef, useState, type ReactNode } from "react";

interface SplitPaneProps {
  left: ReactNode;
  right: ReactNode;
  initialLeftPercent?: number;
}

/**
 * Two panes side by side with a draggable divider on medium and larger screens; stacked on small screens.
 */
export function SplitPane({ left, right, initialLeftPercent = 34 }: SplitPaneProps) {
  const [leftPercent, setLeftPercent] = useState(initialLeftPercent);
  const container = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);

  const onPointerDown = (e: React.PointerEvent) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    setDragging(true);
  };
  const onPointerMove = (e: React.PointerEvent) => {
    if (!dragging || !container.current) return;
    const rect = container.current.getBoundingClientRect();
    const percent = ((e.clientX - rect.left) / rect.width) * 100;
    setLeftPercent(Math.min(70, Math.max(20, percent)));
  };

  return (
    <div ref={container} className="flex min-h-0 flex-1 flex-col md:flex-row" style={{ ["--left" as string]: `${leftPercent}%` }}>
      <div className="h-1/2 min-h-0 min-w-0 border-b border-zinc-800 md:h-auto md:w-[var(--left)] md:border-b-0">{left}</div>
      <div
        role="separator"
        aria-orientation="vertical"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => setDragging(false)}
        className={`hidden w-1 shrink-0 cursor-col-resize md:block ${dragging ? "bg-sky-500" : "bg-zinc-800 hover:bg-zinc-600"}`}
      />
      <div className={`min-h-0 min-w-0 flex-1 ${dragging ? "pointer-events-none select-none" : ""}`}>{right}</div>
    </div>
  );
}
