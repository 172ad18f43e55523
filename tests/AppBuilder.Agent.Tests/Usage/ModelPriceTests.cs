using AppBuilder.Agent.Usage;

namespace AppBuilder.Agent.Tests.Usage;

public sealed class ModelPriceTests
{
    private static readonly ModelPrice s_price = new() { InputPerMillionTokens = 3m, OutputPerMillionTokens = 15m, CachedInputPerMillionTokens = 0.3m };

    [Fact]
    public void CostOf_CachedTokens_ArePricedAtTheCachedRate()
    {
        // 600k uncached at $3, 400k cached at $0.30, 100k out at $15.
        s_price.CostOf(1_000_000, 100_000, 400_000).Should().Be(1.8m + 0.12m + 1.5m);
    }

    [Fact]
    public void CostOf_NoCachedPrice_ChargesCachedTokensAsInput()
    {
        var price = new ModelPrice { InputPerMillionTokens = 2m, OutputPerMillionTokens = 8m };

        price.CostOf(1_000_000, 0, 500_000).Should().Be(2m);
    }

    [Fact]
    public void CostOf_MoreCachedThanInput_IsCappedAtTheInput()
    {
        s_price.CostOf(100, 0, 1_000).Should().Be(100 * 0.3m / 1_000_000m);
    }

    [Fact]
    public void CostOf_NegativeCount_Throws()
    {
        FluentActions.Invoking(() => s_price.CostOf(-1, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => s_price.CostOf(0, 0, -1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Find_ExactEntry_WinsOverPrefix()
    {
        var prices = Table(("gpt-4o", 1m), ("gpt-4o-mini", 2m));

        ModelPriceTable.Find(prices, "GPT-4O-MINI")!.InputPerMillionTokens.Should().Be(2m);
        ModelPriceTable.Find(prices, "gpt-4o")!.InputPerMillionTokens.Should().Be(1m);
    }

    [Fact]
    public void Find_DatedVersion_TakesTheLongestEntryItStartsWith()
    {
        var prices = Table(("gpt-4o", 1m), ("gpt-4o-mini", 2m));

        ModelPriceTable.Find(prices, "gpt-4o-mini-2024-07-18")!.InputPerMillionTokens.Should().Be(2m);
        ModelPriceTable.Find(prices, "gpt-4o-2024-08-06")!.InputPerMillionTokens.Should().Be(1m);
    }

    [Fact]
    public void Find_UnpricedOrMerelySimilarModel_ReturnsNull()
    {
        var prices = Table(("gpt-4o", 1m));

        ModelPriceTable.Find(prices, "gpt-4omni").Should().BeNull();
        ModelPriceTable.Find(prices, "claude-sonnet").Should().BeNull();
        ModelPriceTable.Find(prices, null).Should().BeNull();
    }

    [Fact]
    public void CostOf_NoTokensReported_IsUnknownNotZero()
    {
        ModelPriceTable.CostOf(Table(("m", 1m)), "m", null, null, null).Should().BeNull();
        ModelPriceTable.CostOf(Table(("m", 1m)), "m", 1_000_000, null, null).Should().Be(1m);
    }

    private static Dictionary<string, ModelPrice> Table(params (string Model, decimal Input)[] entries) =>
        entries.ToDictionary(e => e.Model, e => new ModelPrice { InputPerMillionTokens = e.Input, OutputPerMillionTokens = 0m },
            StringComparer.OrdinalIgnoreCase);
}
