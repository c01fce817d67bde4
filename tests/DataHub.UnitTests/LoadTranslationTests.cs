using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;

namespace DataHub.UnitTests;

/// <summary>Translation of developments into load, with hand-computed expectations.</summary>
public sealed class LoadTranslationTests
{
    private static readonly CalculationRuleSet Rules = new("test", "1", "test rules", "", "test", [],
        [new SimultaneityFactor("housing", 0.4, "t"), new SimultaneityFactor("mobility", 0.6, "t")],
        [
            new CalculationRule("newBuildHomes", "homes", "electricity", 0.004, 0.002, 4.0, "t"),
            new CalculationRule("electrolyser", "MW", "electricity", 1.0, null, 4000, "t"),
            new CalculationRule("electrolyser", "MW", "hydrogen", null, null, 2600, "t"),
        ]);

    private static DevelopmentFacts Homes(params Quantity[] q) =>
        new(Guid.NewGuid(), "GM0344", "housing", "newBuildHomes", "permitted", null, q, []);

    [Fact]
    public void Cumulative_quantities_carry_forward_between_stated_years()
    {
        // 100 homes in 2027, 300 in 2029: 2026 nothing, 2027–2028 100 homes, 2029–2030 300 homes.
        var load = LoadTranslation.Translate(Homes(new(2027, 100, "homes"), new(2029, 300, "homes")), Rules, 2026, 2030);
        Assert.Equal([2027, 2028, 2029, 2030], load.Select(l => l.Year));
        Assert.Equal(0.4, load.Single(l => l.Year == 2028).PeakOfftakeMw, 9);    // 100 × 0.004
        Assert.Equal(1.2, load.Single(l => l.Year == 2029).PeakOfftakeMw, 9);    // 300 × 0.004
        Assert.Equal(0.6, load.Single(l => l.Year == 2030).PeakFeedInMw, 9);     // 300 × 0.002
        Assert.Equal(1200, load.Single(l => l.Year == 2030).AnnualEnergyMwh, 9); // 300 × 4
        Assert.Equal(["newBuildHomes/homes"], load[0].Basis);
    }

    [Fact]
    public void A_kind_with_rules_for_two_carriers_loads_both()
    {
        var d = new DevelopmentFacts(Guid.NewGuid(), "CLUSTER6", "storageConversion", "electrolyser", "planned", null, [new(2030, 20, "MW")], []);
        var load = LoadTranslation.Translate(d, Rules, 2030, 2030);
        Assert.Equal(["electricity", "hydrogen"], load.Select(l => l.Carrier));
        Assert.Equal(20, load[0].PeakOfftakeMw, 9);
        Assert.Equal(52_000, load[1].AnnualEnergyMwh, 9); // 20 × 2,600
    }

    [Fact]
    public void Stated_energy_overrides_the_rules_per_field_from_its_year_on()
    {
        // Rules give 0.8 MW for 200 homes; the submitter states 0.5 MW offtake from 2030 (feed-in still from the rules).
        var d = Homes(new Quantity(2028, 200, "homes")) with { Energy = [new StatedEnergy(2030, "electricity", PeakOfftakeMw: 0.5)] };
        var load = LoadTranslation.Translate(d, Rules, 2029, 2031);
        Assert.Equal(0.8, load.Single(l => l.Year == 2029).PeakOfftakeMw, 9);
        Assert.Equal(0.5, load.Single(l => l.Year == 2030).PeakOfftakeMw, 9);
        Assert.Equal(0.4, load.Single(l => l.Year == 2030).PeakFeedInMw, 9);
        Assert.Equal(["newBuildHomes/homes", "stated"], load.Single(l => l.Year == 2031).Basis);
        // Without detail access the statement is not used: the rules' 0.8 MW stands.
        Assert.Equal(0.8, LoadTranslation.Translate(d, Rules, 2030, 2030, useStatedEnergy: false)[0].PeakOfftakeMw, 9);
    }

    [Fact]
    public void Nothing_counts_after_decommissioning_and_a_kind_without_rules_has_no_load()
    {
        var d = Homes(new Quantity(2026, 10, "homes")) with { DecommissioningYear = 2028 };
        Assert.Equal([2026, 2027, 2028], LoadTranslation.Translate(d, Rules, 2026, 2030).Select(l => l.Year));
        var station = new DevelopmentFacts(Guid.NewGuid(), "STEDIN", "other", "substationExpansion", "planned", null, [new(2029, 80, "MW")], []);
        Assert.Empty(LoadTranslation.Translate(station, Rules, 2029, 2030));
    }

    [Fact]
    public void Coincident_peaks_apply_the_factor_of_each_sector()
    {
        // housing (1.0 + 2.0) × 0.4 = 1.2; mobility 1.5 × 0.6 = 0.9; industry (no factor) 3.0 × 1 = 3.0 → 5.1
        var peak = LoadTranslation.CoincidentPeak([("housing", 1.0), ("housing", 2.0), ("mobility", 1.5), ("industry", 3.0)], Rules);
        Assert.Equal(5.1, peak, 9);
    }

    [Theory]
    [InlineData("realised", true, true, true)]
    [InlineData("permitted", true, true, true)]
    [InlineData("inProcedure", false, true, true)]
    [InlineData("planned", false, true, true)]
    [InlineData("ambition", false, false, true)]
    public void Scenarios_cut_by_certainty(string certainty, bool committed, bool expected, bool ambition)
    {
        Assert.Equal(committed, Scenarios.Includes(Scenarios.Committed, certainty));
        Assert.Equal(expected, Scenarios.Includes(Scenarios.Expected, certainty));
        Assert.Equal(ambition, Scenarios.Includes(Scenarios.Ambition, certainty));
    }

    [Fact]
    public void The_same_input_gives_the_same_output()
    {
        var d = Homes(new Quantity(2027, 100, "homes"), new Quantity(2029, 300, "homes"));
        Assert.True(LoadTranslation.Translate(d, Rules, 2025, 2040).Zip(LoadTranslation.Translate(d, Rules, 2025, 2040))
            .All(p => p.First.Year == p.Second.Year && p.First.PeakOfftakeMw == p.Second.PeakOfftakeMw && p.First.Basis.SequenceEqual(p.Second.Basis)));
    }
}

public sealed class RuleSetCatalogueTests
{
    [Fact]
    public void The_default_set_loads_checks_out_and_covers_the_core_kinds()
    {
        var set = RuleSetCatalogue.Instance.Default;
        Assert.Equal("datahub-default@2026.1", set.Id);
        foreach (var (kind, unit) in new[] { ("newBuildHomes", "homes"), ("solarPark", "MWp"), ("rooftopSolar", "MWp"), ("windTurbine", "MW"),
                     ("chargingHub", "chargingPoints"), ("businessPark", "hectares"), ("heatNetwork", "connections"), ("electrolyser", "MW"),
                     ("dataCentre", "MW"), ("battery", "MW"), ("electrification", "MW") })
            Assert.NotEmpty(set.RulesFor(kind, unit));
        Assert.Equal(0.4, set.SimultaneityOf("housing"));
        Assert.All(set.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
    }

    [Fact]
    public void A_set_with_unknown_codes_or_duplicate_rules_is_refused_with_every_problem()
    {
        var bad = new CalculationRuleSet("bad", "1", "bad", "", "draft", [], [new SimultaneityFactor("space", 2, "x")],
        [
            new CalculationRule("solarPark", "acres", "electricity", null, 0.7, 900, "x"),
            new CalculationRule("solarPark", "MWp", "photons", null, 0.7, 900, "x"),
            new CalculationRule("windTurbine", "MW", "electricity", null, 1, 3000, "x"),
            new CalculationRule("windTurbine", "MW", "electricity", null, 1, 2500, ""),
        ]);
        var e = Assert.Throws<InvalidOperationException>(() => RuleSetCatalogue.Check(bad, "bad.json"));
        foreach (var part in new[] { "unknown sector space", "simultaneity of space", "unknown unit acres", "unknown carrier photons", "two rules for windTurbine/MW/electricity", "has no source" })
            Assert.Contains(part, e.Message);
    }
}
