using DataHub.Api.Features.Aggregates;

namespace DataHub.UnitTests;

/// <summary>Disclosure control on hand-computed tables.</summary>
public sealed class DisclosureControlTests
{
    private static readonly DisclosureOptions Defaults = new();

    private static CellKey Key(string level, string area) => new(level, area, 2030, "industry", "CES", "planned", "MW");

    /// <summary>Builds cells from (area, owner, value, restricted) rows; municipalities M1..M4 lie in province P, P in NL.</summary>
    private static Dictionary<CellKey, Cell> Table(params (string Area, string Owner, double Value, bool Restricted)[] rows)
    {
        var cells = new Dictionary<CellKey, Cell>();
        void Add(CellKey k, string owner, double v, bool r) => (cells.TryGetValue(k, out var c) ? c : cells[k] = new Cell(k)).Add(owner, v, r);
        foreach (var (area, owner, value, restricted) in rows)
        {
            Add(Key("municipality", area), owner, value, restricted);
            Add(Key("province", "P"), owner, value, restricted);
            Add(Key("national", "NL"), owner, value, restricted);
        }
        return cells;
    }

    private static IEnumerable<CellKey> Parents(CellKey k) => k.Level switch
    {
        "municipality" => [k.InArea("province", "P")],
        "province" => [k.InArea("national", "NL")],
        _ => [],
    };

    [Fact]
    public void A_cell_of_public_or_detail_data_is_always_shown_whatever_its_owners()
    {
        var cells = Table(("M1", "A", 10, false));
        DisclosureControl.Apply(cells, Parents, Defaults);
        Assert.All(cells.Values, c => Assert.False(c.Suppressed));
    }

    [Fact]
    public void Fewer_than_three_owners_suppress_a_restricted_cell()
    {
        // M1: owners A, B (2 < 3) → suppressed. M2: A, B, C with 40/30/30 → shown (max 40 %).
        var cells = Table(("M1", "A", 5, true), ("M1", "B", 5, true),
                          ("M2", "A", 40, true), ("M2", "B", 30, true), ("M2", "C", 30, true),
                          ("M3", "D", 20, true), ("M3", "E", 20, true), ("M3", "F", 20, true));
        DisclosureControl.Apply(cells, Parents, Defaults);
        Assert.Equal("fewer than 3 owners", cells[Key("municipality", "M1")].SuppressedBecause);
        Assert.False(cells[Key("municipality", "M2")].Suppressed);
        // M1 alone would be P − M2 − M3: M3 (total 60 < M2's 100) is withheld as its complement.
        Assert.StartsWith("withheld so that", cells[Key("municipality", "M3")].SuppressedBecause);
    }

    [Fact]
    public void A_dominant_owner_suppresses_the_cell()
    {
        // 85 / (85 + 10 + 5) = 85 % > 80 % → suppressed; 80 / (80 + 10 + 10) = 80 % → shown.
        var dominated = Table(("M1", "A", 85, true), ("M1", "B", 10, true), ("M1", "C", 5, true));
        DisclosureControl.Apply(dominated, Parents, Defaults);
        Assert.StartsWith("one owner", dominated[Key("municipality", "M1")].SuppressedBecause);
        var edge = Table(("M1", "A", 80, true), ("M1", "B", 10, true), ("M1", "C", 10, true));
        DisclosureControl.Apply(edge, Parents, Defaults);
        Assert.False(edge[Key("municipality", "M1")].Suppressed);
    }

    [Fact]
    public void A_lone_suppressed_cell_gets_a_complementary_suppression_so_the_total_does_not_reveal_it()
    {
        // M1 (A, B) is suppressed. P = M1 + M2 + M3 is shown (6 owners), so P − M2 − M3 would give M1.
        // The smallest other restricted child, M3 (total 30 < M2's 60), is withheld as its complement.
        var cells = Table(("M1", "A", 5, true), ("M1", "B", 5, true),
                          ("M2", "C", 20, true), ("M2", "D", 20, true), ("M2", "E", 20, true),
                          ("M3", "F", 10, true), ("M3", "G", 10, true), ("M3", "H", 10, true));
        DisclosureControl.Apply(cells, Parents, Defaults);
        Assert.True(cells[Key("municipality", "M1")].Suppressed);
        Assert.True(cells[Key("municipality", "M3")].Suppressed);
        Assert.False(cells[Key("municipality", "M2")].Suppressed);
        Assert.False(cells[Key("province", "P")].Suppressed);
        Assert.Equal(100, cells[Key("province", "P")].Total); // 5 + 5 + 60 + 30
    }

    [Fact]
    public void When_no_other_child_can_hide_it_the_parent_is_withheld()
    {
        // M2 is public data only (anyone can add it up from the list), so only withholding P protects M1.
        var cells = Table(("M1", "A", 5, true), ("M2", "B", 50, false), ("M2", "C", 50, false), ("M2", "D", 50, false));
        DisclosureControl.Apply(cells, Parents, Defaults);
        Assert.True(cells[Key("municipality", "M1")].Suppressed);
        Assert.False(cells[Key("municipality", "M2")].Suppressed);
        Assert.True(cells[Key("province", "P")].Suppressed);
        // …and then NL, whose only child P is withheld, is withheld in turn.
        Assert.True(cells[Key("national", "NL")].Suppressed);
    }

    [Fact]
    public void Owners_the_caller_sees_in_detail_do_not_make_up_the_numbers()
    {
        // A and B are public (the caller can add them up: 30); C is restricted (10). Total 40 from three owners, but
        // 40 − 30 would reveal C: the restricted part has one owner, so the cell is withheld.
        var cells = Table(("M1", "A", 10, false), ("M1", "B", 20, false), ("M1", "C", 10, true));
        DisclosureControl.Apply(cells, Parents, Defaults);
        Assert.Equal("fewer than 3 owners", cells[Key("municipality", "M1")].SuppressedBecause);
    }

    [Fact]
    public void The_thresholds_are_configurable()
    {
        var cells = Table(("M1", "A", 5, true), ("M1", "B", 5, true));
        DisclosureControl.Apply(cells, Parents, new DisclosureOptions { MinOwners = 2, MaxDominancePercent = 60 });
        Assert.False(cells[Key("municipality", "M1")].Suppressed);
    }
}
