using AngleSharp.Html.Parser;
using AppBuilder.Agent.Tools;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class HtmlToMarkdownTests
{
    private static readonly Uri Page = new("https://example.com/docs/page");

    private static string Convert(string body, bool dropChrome = false) =>
        HtmlToMarkdown.Convert(new HtmlParser().ParseDocument("<html><body>" + body + "</body></html>").Body!, Page, dropChrome);

    [Fact]
    public void Convert_NestedLists_IndentTheInnerList()
    {
        Convert("<ul><li>one<ul><li>one.a</li><li>one.b</li></ul></li><li>two</li></ul>")
            .Should().Be("- one\n  - one.a\n  - one.b\n- two");
    }

    [Fact]
    public void Convert_OrderedListWithStart_NumbersFromIt()
    {
        Convert("<ol start=\"3\"><li>c</li><li>d</li></ol>").Should().Be("3. c\n4. d");
    }

    [Fact]
    public void Convert_Blockquote_PrefixesItsLines()
    {
        Convert("<p>before</p><blockquote><p>quoted text</p></blockquote><p>after</p>")
            .Should().Be("before\n\n> quoted text\n\nafter");
    }

    [Fact]
    public void Convert_Links_AreMadeAbsoluteAndScriptLinksKeepOnlyTheirText()
    {
        Convert("<p><a href=\"../guide?x=1\">Guide</a>, <a href=\"javascript:alert(1)\">Click</a> and <a href=\"mailto:a@b.c\">mail</a></p>")
            .Should().Be("[Guide](https://example.com/guide?x=1), Click and [mail](mailto:a@b.c)");
    }

    [Fact]
    public void Convert_Images_KeepAltAndDropDataUris()
    {
        Convert("<p><img src=\"/logo.png\" alt=\"Logo\"> <img src=\"data:image/png;base64,AAAA\" alt=\"inline\"></p>")
            .Should().Be("![Logo](https://example.com/logo.png)");
    }

    [Fact]
    public void Convert_HiddenScriptsAndForms_AreDropped()
    {
        Convert("<p>shown</p><div hidden>hidden</div><p style=\"display: none\">gone</p><script>var x</script><button>Buy</button>")
            .Should().Be("shown");
    }

    [Fact]
    public void Convert_WholePage_DropsNavigationAndFooter()
    {
        Convert("<nav>menu</nav><main><p>content</p></main><footer>legal</footer>", dropChrome: true).Should().Be("content");
    }

    [Fact]
    public void Convert_CodeContainingFences_UsesALongerFence()
    {
        Convert("<pre>```\ncode\n```</pre>").Should().Be("~~~~\n```\ncode\n```\n~~~~");
    }
}
