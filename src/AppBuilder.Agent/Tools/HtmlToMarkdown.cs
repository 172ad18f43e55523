using System.Text;
using AngleSharp.Dom;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// Writes an AngleSharp DOM as markdown for a model to read: headings, paragraphs, nested lists, links and images
/// made absolute, fenced code blocks, block quotes, emphasis, inline code and simple pipe tables. Scripts, styles,
/// forms, embedded objects and hidden elements are dropped. Not thread-safe; one instance per conversion.
/// </summary>
internal sealed class HtmlToMarkdown
{
    private const int MaxAltChars = 200;

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "head", "title",
        "meta", "link", "input", "button", "select", "textarea", "option", "dialog", "audio", "video", "source", "picture",
    };

    /// <summary>Page chrome dropped when converting a whole page (not needed for an extracted article).</summary>
    private static readonly HashSet<string> Chrome = new(StringComparer.OrdinalIgnoreCase) { "nav", "footer", "aside", "form" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "figure", "figcaption", "address", "details",
        "summary", "dl", "dt", "dd", "center", "fieldset", "nav", "aside", "form",
    };

    private readonly StringBuilder _out = new();
    private readonly List<string> _prefixes = [];
    private readonly Uri _baseUri;
    private readonly bool _dropChrome;
    private int _pendingBreaks;
    private int _listDepth;
    private bool _pendingSpace;
    private bool _atLineStart = true;

    private HtmlToMarkdown(Uri baseUri, bool dropChrome)
    {
        _baseUri = baseUri;
        _dropChrome = dropChrome;
    }

    /// <summary>Converts <paramref name="root"/>'s content. <paramref name="dropChrome"/> also drops navigation,
    /// footers, asides and forms (for whole pages rather than extracted articles).</summary>
    public static string Convert(INode root, Uri baseUri, bool dropChrome)
    {
        var writer = new HtmlToMarkdown(baseUri, dropChrome);
        writer.Children(root);
        return writer._out.ToString().Trim();
    }

    private void Children(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            Node(child);
        }
    }

    private void Node(INode node)
    {
        switch (node)
        {
            case IText text:
                Text(text.Data);
                return;
            case IElement element:
                Element(element);
                return;
        }
    }

    private void Element(IElement element)
    {
        var name = element.LocalName;
        if (Skipped.Contains(name) || (_dropChrome && Chrome.Contains(name)) || IsHidden(element))
        {
            return;
        }

        switch (name)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                Break(2);
                Raw(new string('#', name[1] - '0') + " ");
                Raw(InlineText(element));
                Break(2);
                return;
            case "br":
                NewLine();
                return;
            case "hr":
                Break(2);
                Raw("---");
                Break(2);
                return;
            case "pre":
                CodeBlock(element);
                return;
            case "blockquote":
                Break(2);
                _prefixes.Add("> ");
                Children(element);
                _prefixes.RemoveAt(_prefixes.Count - 1);
                Break(2);
                return;
            case "ul" or "ol":
                List(element, ordered: name == "ol");
                return;
            case "li":
                // A list item outside a list: still one line.
                Break(1);
                Raw("- ");
                Children(element);
                Break(1);
                return;
            case "table":
                Table(element);
                return;
            case "a":
                Link(element);
                return;
            case "img":
                Image(element);
                return;
            case "strong" or "b":
                Emphasis(element, "**");
                return;
            case "em" or "i":
                Emphasis(element, "*");
                return;
            case "code" or "kbd" or "samp":
                InlineCode(Collapse(element.TextContent).Trim());
                return;
        }

        if (Blocks.Contains(name))
        {
            Break(2);
            Children(element);
            Break(2);
            return;
        }

        Children(element);
    }

    private void List(IElement list, bool ordered)
    {
        // A list inside a list item stays tight: no blank lines around it.
        Break(_listDepth > 0 ? 1 : 2);
        _listDepth++;
        var number = ordered && int.TryParse(list.GetAttribute("start"), out var start) ? start : 1;
        foreach (var item in list.Children.Where(c => c.LocalName == "li" && !IsHidden(c)))
        {
            Break(1);
            var marker = ordered ? $"{number++}. " : "- ";
            Raw(marker);
            _prefixes.Add(new string(' ', marker.Length));
            Children(item);
            _prefixes.RemoveAt(_prefixes.Count - 1);
        }

        _listDepth--;
        Break(_listDepth > 0 ? 1 : 2);
    }

    private void CodeBlock(IElement pre)
    {
        var code = pre.QuerySelector("code");
        var language = (code ?? pre).ClassList.Select(c => c.StartsWith("language-", StringComparison.Ordinal) ? c[9..]
            : c.StartsWith("lang-", StringComparison.Ordinal) ? c[5..] : null).FirstOrDefault(l => l is not null) ?? "";
        var text = (code ?? pre).TextContent.Replace("\r\n", "\n").Trim('\n');
        var fence = text.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
        Break(2);
        Raw(fence + language);
        foreach (var line in text.Split('\n'))
        {
            NewLine();
            Raw(line.TrimEnd(), literal: true);
        }

        NewLine();
        Raw(fence);
        Break(2);
    }

    private void Table(IElement table)
    {
        var rows = table.QuerySelectorAll("tr").Where(r => r.Closest("table") == table).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        Break(2);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Children.Where(c => c.LocalName is "td" or "th")
                .Select(c => Collapse(c.TextContent).Trim().Replace("|", "\\|", StringComparison.Ordinal)).ToList();
            if (i > 0)
            {
                NewLine();
            }

            Raw("| " + string.Join(" | ", cells) + " |");
            if (i == 0)
            {
                NewLine();
                Raw("|" + string.Concat(Enumerable.Repeat(" --- |", Math.Max(1, cells.Count))));
            }
        }

        Break(2);
    }

    private void Link(IElement anchor)
    {
        var text = InlineText(anchor);
        if (text.Length == 0)
        {
            text = anchor.QuerySelector("img")?.GetAttribute("alt")?.Trim() ?? "";
        }

        var href = Resolve(anchor.GetAttribute("href"), allowMailto: true);
        if (text.Length == 0)
        {
            return;
        }

        if (href is null)
        {
            Text(text);
            return;
        }

        Raw($"[{text.Replace("]", "\\]", StringComparison.Ordinal)}]({href})");
    }

    private void Image(IElement image)
    {
        var src = Resolve(image.GetAttribute("src"), allowMailto: false);
        if (src is null)
        {
            return;
        }

        var alt = TextFiles.Shorten(Collapse(image.GetAttribute("alt") ?? "").Trim(), MaxAltChars);
        Raw($"![{alt.Replace("]", "\\]", StringComparison.Ordinal)}]({src})");
    }

    private void Emphasis(IElement element, string marker)
    {
        var text = InlineText(element);
        if (text.Length > 0)
        {
                Raw(marker + text + marker);
        }
    }

    private void InlineCode(string code)
    {
        if (code.Length == 0)
        {
            return;
        }

        var fence = code.Contains('`', StringComparison.Ordinal) ? "``" : "`";
        Raw(fence == "``" ? $"`` {code} ``" : $"`{code}`");
    }

    /// <summary>An element's text as one line, whitespace collapsed.</summary>
    private static string InlineText(IElement element) => Collapse(element.TextContent).Trim();

    private string? Resolve(string? reference, bool allowMailto)
    {
        if (string.IsNullOrWhiteSpace(reference) || !Uri.TryCreate(_baseUri, reference.Trim(), out var uri))
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || (allowMailto && uri.Scheme == Uri.UriSchemeMailto)
            ? uri.AbsoluteUri.Replace(" ", "%20", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)
            : null;
    }

    private static bool IsHidden(IElement element) =>
        element.HasAttribute("hidden")
        || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)
        || (element.GetAttribute("style") is { } style && style.Replace(" ", "", StringComparison.Ordinal)
            .Contains("display:none", StringComparison.OrdinalIgnoreCase));

    private void Text(string data)
    {
        if (data.Length == 0)
        {
            return;
        }

        var collapsed = Collapse(data);
        if (collapsed.Trim().Length == 0)
        {
            _pendingSpace = true;
            return;
        }

        if (char.IsWhiteSpace(collapsed[0]))
        {
            _pendingSpace = true;
        }

        Raw(collapsed.Trim());
        _pendingSpace = char.IsWhiteSpace(collapsed[^1]);
    }

    private void Raw(string text, bool literal = false)
    {
        if (text.Length == 0 && !literal)
        {
            return;
        }

        if (_pendingBreaks > 0 && _out.Length > 0)
        {
            _out.Append('\n', _pendingBreaks);
            _atLineStart = true;
        }

        _pendingBreaks = 0;
        if (_atLineStart)
        {
            foreach (var prefix in _prefixes)
            {
                _out.Append(prefix);
            }

            _atLineStart = false;
        }
        else if (_pendingSpace && !char.IsWhiteSpace(_out[^1]))
        {
            _out.Append(' ');
        }

        _pendingSpace = false;
        _out.Append(text);
    }

    private void NewLine()
    {
        _pendingBreaks = Math.Max(_pendingBreaks, 1);
        if (_out.Length > 0 && _pendingBreaks == 1 && !_atLineStart)
        {
            _out.Append('\n');
            _pendingBreaks = 0;
            _atLineStart = true;
        }

        _pendingSpace = false;
    }

    /// <summary>Asks for <paramref name="lines"/> line breaks before the next text (1: new line, 2: new paragraph).</summary>
    private void Break(int lines)
    {
        if (_out.Length == 0)
        {
            return;
        }

        if (_atLineStart && _pendingBreaks == 0)
        {
            // Already at the start of a line: a paragraph break needs one more.
            _pendingBreaks = lines - 1;
        }
        else
        {
            _pendingBreaks = Math.Max(_pendingBreaks, lines);
        }

        _pendingSpace = false;
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        if (space)
        {
            builder.Append(' ');
        }

        return builder.ToString();
    }
}
