export function Spinner({ className = "h-3.5 w-3.5" }: { className?: string }) {
  return (
    <span
      role="status"
      aria-label="working"
      className={`inline-block animate-spin rounded-full border-2 border-zinc-500 border-t-transparent ${className}`}
    />
  );
}
