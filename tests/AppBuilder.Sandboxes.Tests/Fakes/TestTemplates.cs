using System.Text;

namespace AppBuilder.Sandboxes.Tests.Fakes;

/// <summary>A template source with a tiny "dev server" (a Node HTTP server) that needs no dependencies.</summary>
internal sealed class TestTemplates : ITemplateSource
{
    public const string Name = "tiny";

    /// <summary>Serves index.html under APPBUILDER_PREVIEW_BASE on the port given as its first argument.</summary>
    public const string Server = """
        const http = require('http');
        const fs = require('fs');
        const base = process.env.APPBUILDER_PREVIEW_BASE || '/';
        const port = Number(process.argv[2]);
        http.createServer((req, res) => {
          if (!req.url.startsWith(base)) { res.statusCode = 404; res.end('not found'); return; }
          res.setHeader('content-type', 'text/html');
          res.end(fs.readFileSync('index.html'));
        }).listen(port, '127.0.0.1', () => console.log('tiny server ready on ' + port));
        """;

    public static IList<string> Command => ["node", "server.js", "{port}"];

    public IReadOnlyList<string> List() => [Name];

    public Task<IReadOnlyList<TemplateFile>?> GetFilesAsync(string template, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TemplateFile>?>(template == Name
            ? [new TemplateFile("index.html", Encoding.UTF8.GetBytes("<div id=\"root\">tiny</div>")),
               new TemplateFile("server.js", Encoding.UTF8.GetBytes(Server))]
            : null);
}
