using AppBuilder.AspNetCore.Fixes;
using AppBuilder.Logs;

namespace AppBuilder.AspNetCore.Tests.Fixes;

public sealed class FixPromptBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static PreviewError Error(PreviewErrorReport report, int count = 1) =>
        new(PreviewErrorTracker.Signature(report), report, count, Now, Now, PreviewErrorState.Open, 0);

    private static ProjectLogEntry Vite(string message) => new(Now, ProjectLogKind.Console, "info", message, "vite");

    [Fact]
    public void Build_RuntimeError_HasHeaderErrorLocationExcerptStackAndLog()
    {
        var report = new PreviewErrorReport(PreviewErrorKind.Runtime, "TypeError: Cannot read properties of null (reading 'filter')",
            "TypeError: …\n    at GuestList (src/components/GuestList.tsx:14:25)", "src/components/GuestList.tsx", 14, 25);
        var file = string.Join('\n', Enumerable.Range(1, 40).Select(i => i == 14 ? "  const coming = guests.filter((g) => g.coming).length;" : $"// line {i}"));

        var prompt = FixPromptBuilder.Build(Error(report, count: 3), file, [Vite("[vite] hmr update /src/components/GuestList.tsx")], null,
            new AppBuilderAutoFixOptions());

        prompt.Should().StartWith(FixPromptBuilder.Header + "\nRequested with \"Fix it\" in the editor.");
        prompt.Should().Contain("Runtime error: TypeError: Cannot read properties of null (reading 'filter')")
            .And.Contain("Location: src/components/GuestList.tsx:14:25")
            .And.Contain("Seen 3 times.")
            .And.Contain("14 >   const coming = guests.filter")
            .And.Contain("// line 2\n").And.NotContain("// line 1\n", "the excerpt starts 12 lines above the error")
            .And.Contain("at GuestList (src/components/GuestList.tsx:14:25)")
            .And.Contain("Recent dev-server output:")
            .And.EndWith("do not start or restart the dev server.");
    }

    [Fact]
    public void Build_Automatic_SaysWhichAttemptOfHowMany()
    {
        var prompt = FixPromptBuilder.Build(Error(new PreviewErrorReport(PreviewErrorKind.Build, "Unexpected token", File: "src/App.tsx", Line: 3)),
            null, [], (2, 3), new AppBuilderAutoFixOptions());

        prompt.Split('\n')[1].Should().Be("Automatic fix: attempt 2 of 3.");
        prompt.Should().Contain("Build error (Vite): Unexpected token").And.NotContain("may be a few lines off");
    }

    [Fact]
    public void Build_HostPathsInTheLogAndSecretsAnywhere_NeverReachThePrompt()
    {
        var report = new PreviewErrorReport(PreviewErrorKind.Network, "GET /api/me 401 Authorization: Bearer abcdefghijklmnop123");
        var log = new[]
        {
            Vite("error loading /home/alice/secret-projects/p1/.env"),
            Vite("OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz0123"),
            Vite("ghp_abcdefghijklmnopqrstuvwxyz0123456789 AKIAABCDEFGHIJKLMNOP"),
            Vite("token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
            Vite("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"),
        };
        var file = "const password = \"hunter2hunter2-2026\";\nconst logo = \"/vite.svg\";";

        var prompt = FixPromptBuilder.Build(Error(report with { File = "src/api.ts" }), file, log, null, new AppBuilderAutoFixOptions());

        prompt.Should().NotContain("/home/alice").And.NotContain("sk-proj-").And.NotContain("ghp_").And.NotContain("AKIA")
            .And.NotContain("eyJhbGci").And.NotContain("MIIEow").And.NotContain("abcdefghijklmnop123").And.NotContain("hunter2hunter2");
        prompt.Should().Contain("<host path>").And.Contain(FixPromptBuilder.Redacted)
            .And.Contain("\"/vite.svg\"", "the project's own paths are the app's, not the host's");
    }

    [Fact]
    public void Build_HugeParts_StayUnderTheCapAndKeepTheInstruction()
    {
        var options = new AppBuilderAutoFixOptions { MaxPromptLength = 2_000, BuildLogLines = 200 };
        var report = new PreviewErrorReport(PreviewErrorKind.Runtime, new string('m', 5_000), new string('s', 50_000), "src/App.tsx", 1, 1,
            new string('f', 50_000));
        var log = Enumerable.Range(0, 500).Select(i => Vite(new string('l', 1_000))).ToList();

        var prompt = FixPromptBuilder.Build(Error(report), new string('c', 100_000), log, (1, 3), options);

        prompt.Length.Should().BeLessThanOrEqualTo(options.MaxPromptLength);
        prompt.Should().StartWith(FixPromptBuilder.Header).And.EndWith("do not start or restart the dev server.");
    }

    [Fact]
    public void Excerpt_WithoutALine_IsTheStartOfTheFile()
    {
        var excerpt = FixPromptBuilder.Excerpt(string.Join('\n', Enumerable.Range(1, 100).Select(i => $"line {i}")), null);

        excerpt.Split('\n').Should().HaveCount(2 * FixPromptBuilder.ExcerptRadius).And.StartWith(" 1 | line 1");
    }
}
