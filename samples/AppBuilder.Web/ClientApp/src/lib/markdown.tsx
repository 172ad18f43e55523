import { Fragment, type ReactNode } from "react";
import { Lexer, type Token, type Tokens } from "marked";

/**
 * Renders markdown as React elements. `marked` only tokenises; every token becomes an element whose text React
 * escapes, raw HTML in the source is shown as text, and links are limited to http(s), mailto and relative URLs.
 * Nothing reaches the DOM through innerHTML.
 */
export function Markdown({ source }: { source: string }) {
  const tokens = Lexer.lex(source, { gfm: true, breaks: true });
  return <div className="markdown space-y-2 break-words">{blocks(tokens)}</div>;
}

const namedEntities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) =>
    name === "#39" ? "'" : namedEntities[name],
  );
}

/** Returns a URL that is safe to put in href, or null. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return null; // javascript:, data:, vbscript:, …
  if (trimmed.startsWith("//")) return null;
  return trimmed;
}

function blocks(tokens: Token[]): ReactNode[] {
  return tokens.map((token, i) => <Fragment key={i}>{block(token)}</Fragment>);
}

function block(token: Token): ReactNode {
  switch (token.type) {
    case "space":
    case "def":
      return null;
    case "paragraph":
      return <p>{inline((token as Tokens.Paragraph).tokens)}</p>;
    case "heading": {
      const t = token as Tokens.Heading;
      const size = t.depth <= 1 ? "text-lg" : t.depth === 2 ? "text-base" : "text-sm";
      return <p className={`${size} font-semibold`}>{inline(t.tokens)}</p>;
    }
    case "code":
      return (
        <pre className="overflow-x-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-200">
          <code>{(token as Tokens.Code).text}</code>
        </pre>
      );
    case "blockquote":
      return (
        <blockquote className="border-l-2 border-zinc-600 pl-3 text-zinc-400">
          {blocks((token as Tokens.Blockquote).tokens)}
        </blockquote>
      );
    case "list": {
      const t = token as Tokens.List;
      const items = t.items.map((item, i) => (
        <li key={i}>
          {item.task ? <input type="checkbox" checked={!!item.checked} readOnly className="mr-1 align-middle" /> : null}
          {item.tokens.map((child, j) => (
            <Fragment key={j}>{child.type === "text" ? inline(childTokens(child)) : block(child)}</Fragment>
          ))}
        </li>
      ));
      return t.ordered ? (
        <ol className="list-decimal space-y-1 pl-5" start={t.start === "" ? undefined : t.start}>
          {items}
        </ol>
      ) : (
        <ul className="list-disc space-y-1 pl-5">{items}</ul>
      );
    }
    case "hr":
      return <hr className="border-zinc-700" />;
    case "table": {
      const t = token as Tokens.Table;
      return (
        <div className="overflow-x-auto">
          <table className="text-xs">
            <thead>
              <tr>
                {t.header.map((cell, i) => (
                  <th key={i} className="border border-zinc-700 px-2 py-1 text-left">
                    {inline(cell.tokens)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} className="border border-zinc-700 px-2 py-1">
                      {inline(cell.tokens)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case "html":
      return <p className="whitespace-pre-wrap">{(token as Tokens.HTML).raw}</p>;
    case "text":
      return <p>{inline(childTokens(token))}</p>;
    default:
      return <p>{token.raw}</p>;
  }
}

function childTokens(token: Token): Token[] {
  const t = token as Tokens.Text;
  return t.tokens ?? [{ type: "text", raw: t.raw, text: t.text } as Tokens.Text];
}

function inline(tokens: Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, i) => <Fragment key={i}>{inlineToken(token)}</Fragment>);
}

function inlineToken(token: Token): ReactNode {
  switch (token.type) {
    case "text": {
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens) : decode(t.text);
    }
    case "escape":
      return (token as Tokens.Escape).text;
    case "strong":
      return <strong className="font-semibold">{inline((token as Tokens.Strong).tokens)}</strong>;
    case "em":
      return <em>{inline((token as Tokens.Em).tokens)}</em>;
    case "del":
      return <del>{inline((token as Tokens.Del).tokens)}</del>;
    case "codespan":
      return (
        <code className="rounded bg-zinc-800 px-1 py-0.5 font-mono text-[0.85em] text-zinc-200">
          {decode((token as Tokens.Codespan).text)}
        </code>
      );
    case "br":
      return <br />;
    case "link": {
      const t = token as Tokens.Link;
      const href = safeHref(t.href);
      if (!href) return inline(t.tokens);
      return (
        <a href={href} target="_blank" rel="noopener noreferrer" className="text-sky-400 underline">
          {inline(t.tokens)}
        </a>
      );
    }
    case "image": {
      const t = token as Tokens.Image;
      return `[image: ${t.text}]`;
    }
    case "html":
      return (token as Tokens.Tag).raw;
    default:
      return token.raw;
  }
}
