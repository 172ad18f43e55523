import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown, safeHref } from "./markdown";

const html = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe("Markdown", () => {
  it("renders emphasis, code and lists", () => {
    const out = html("**bold** and `x<y`\n\n- one\n- two\n\n```ts\nconst a = 1;\n```");
    expect(out).toContain("<strong");
    expect(out).toContain("x&lt;y");
    expect(out).toContain("<li>one</li>");
    expect(out).toContain("const a = 1;");
  });

  it("shows raw HTML as text instead of injecting it", () => {
    const out = html('Hello <img src=x onerror="alert(1)"> <script>alert(2)</script>');
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<script");
    expect(out).toContain("&lt;img");
  });

  it("drops javascript: links but keeps their text", () => {
    const out = html("[click](javascript:alert(1)) and [docs](https://example.com)");
    expect(out).not.toContain("javascript:");
    expect(out).toContain("click");
    expect(out).toContain('href="https://example.com"');
  });
});

describe("safeHref", () => {
  it("allows http(s), mailto and relative URLs only", () => {
    expect(safeHref("https://a.b/c")).toBe("https://a.b/c");
    expect(safeHref("mailto:x@y.z")).toBe("mailto:x@y.z");
    expect(safeHref("/docs")).toBe("/docs");
    expect(safeHref(" JavaScript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,x")).toBeNull();
    expect(safeHref("//evil.example")).toBeNull();
  });
});
