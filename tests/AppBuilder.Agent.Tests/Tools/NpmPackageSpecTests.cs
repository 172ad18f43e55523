using AppBuilder.Agent.Tools;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class NpmPackageSpecTests
{
    [Theory]
    [InlineData("lucide-react", "lucide-react", null)]
    [InlineData("date-fns@^3.6.0", "date-fns", "^3.6.0")]
    [InlineData("@scope/name@1.2.3", "@scope/name", "1.2.3")]
    [InlineData("@tanstack/react-query", "@tanstack/react-query", null)]
    [InlineData("react-router@latest", "react-router", "latest")]
    [InlineData("zod@>=3.22 <4", "zod", ">=3.22 <4")]
    [InlineData("framer-motion@11.x", "framer-motion", "11.x")]
    [InlineData("example.com", "example.com", null)]
    public void ParseInstallSpec_ValidSpec_SplitsNameAndVersion(string spec, string name, string? version)
    {
        NpmPackageSpec.ParseInstallSpec(spec).Should().Be((name, version));
    }

    [Theory]
    [InlineData("--save")]
    [InlineData("-g")]
    [InlineData("; rm -rf /")]
    [InlineData("lodash; rm -rf /")]
    [InlineData("lodash && curl evil")]
    [InlineData("git+ssh://git@github.com/a/b.git")]
    [InlineData("github:user/repo")]
    [InlineData("https://evil.example/x.tgz")]
    [InlineData("../x")]
    [InlineData("./local")]
    [InlineData("/abs/path")]
    [InlineData("file:../x")]
    [InlineData("lodash@file:../x")]
    [InlineData("lodash@npm:evil@1")]
    [InlineData("lodash@")]
    [InlineData("React")]
    [InlineData("_private")]
    [InlineData(".hidden")]
    [InlineData("@scope")]
    [InlineData("@scope/")]
    [InlineData("@/name")]
    [InlineData("@a/b/c")]
    [InlineData(" lodash")]
    [InlineData("lodash ")]
    [InlineData("lo dash")]
    [InlineData("lodash\0")]
    [InlineData("crazy!")]
    [InlineData("node_modules")]
    [InlineData("fs")]
    [InlineData("")]
    [InlineData("lodash@$(id)")]
    [InlineData("lodash@`id`")]
    [InlineData("lodash@-1")]
    public void ParseInstallSpec_HostileOrInvalidSpec_Throws(string spec)
    {
        var act = () => NpmPackageSpec.ParseInstallSpec(spec);

        act.Should().Throw<ToolException>().WithMessage("*is not a valid npm package spec*");
    }

    [Fact]
    public void ParseInstallSpec_NameOf215Characters_Throws()
    {
        var act = () => NpmPackageSpec.ParseInstallSpec(new string('a', 215));

        act.Should().Throw<ToolException>().WithMessage("*at most 214 characters*");
    }

    [Fact]
    public void ParseInstallSpec_NameOf214Characters_IsValid()
    {
        NpmPackageSpec.ParseInstallSpec(new string('a', 214)).Name.Should().HaveLength(214);
    }
}
