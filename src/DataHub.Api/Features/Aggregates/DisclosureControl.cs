namespace DataHub.Api.Features.Aggregates;

/// <summary>The key of an aggregate cell: a fixed CBS area (or NL) × year × sector × plan type × certainty × unit.</summary>
public sealed record CellKey(string Level, string Area, int Year, string Sector, string PlanType, string Certainty, string Unit)
{
    public CellKey InArea(string level, string area) => this with { Level = level, Area = area };
}

/// <summary>What went into one cell: per owner, the summed value and the number of developments; whether any of it is restricted.</summary>
public sealed class Cell(CellKey key)
{
    public CellKey Key { get; } = key;
    public Dictionary<string, double> ValueByOwner { get; } = [];
    /// <summary>The part the caller may not see in detail, per owner: the part disclosure control protects.</summary>
    public Dictionary<string, double> RestrictedByOwner { get; } = [];
    public int Count { get; set; }
    /// <summary>True when the cell includes a record the caller may not see in detail (aggregate-only access).</summary>
    public bool Restricted { get; set; }
    public string? SuppressedBecause { get; set; }
    public bool Suppressed => SuppressedBecause is not null;
    public double Total => ValueByOwner.Values.Sum();

    public void Add(string owner, double value, bool restricted)
    {
        ValueByOwner[owner] = ValueByOwner.GetValueOrDefault(owner) + value;
        if (restricted) RestrictedByOwner[owner] = RestrictedByOwner.GetValueOrDefault(owner) + value;
        Count++;
        Restricted |= restricted;
    }
}

public sealed class DisclosureOptions
{
    /// <summary>The restricted part of a cell needs at least this many distinct owners.</summary>
    public int MinOwners { get; set; } = 3;
    /// <summary>…and its largest owner may hold at most this share of it, in per cent.</summary>
    public double MaxDominancePercent { get; set; } = 80;
}

/// <summary>
/// Disclosure control over a complete set of cells at every level (municipality, RES region, province, national).
/// Primary suppression: a cell with restricted data is withheld unless that restricted part has at least
/// <c>MinOwners</c> owners and its largest owner is at most <c>MaxDominancePercent</c> of it. The rules look at the
/// restricted part only: the caller can subtract what it sees in detail from the total, so detail-visible owners
/// must not make up the numbers. Secondary (complementary) suppression: a
/// suppressed cell must not be recoverable as parent − other children, so wherever a shown parent has exactly one
/// suppressed child, a second child with restricted data is withheld too (the smallest), or, if none has, the parent.
/// Because every query is answered from the same complete set over fixed areas, two overlapping queries cannot be
/// differenced to recover a withheld cell either. Pure and deterministic.
/// </summary>
public static class DisclosureControl
{
    public static void Apply(IReadOnlyDictionary<CellKey, Cell> cells, Func<CellKey, IEnumerable<CellKey>> parentsOf, DisclosureOptions options)
    {
        foreach (var cell in cells.Values.Where(c => c.Restricted))
        {
            var owners = cell.RestrictedByOwner.Count;
            var total = cell.RestrictedByOwner.Values.Sum();
            var largest = cell.RestrictedByOwner.Values.DefaultIfEmpty(0).Max();
            if (owners < options.MinOwners)
                cell.SuppressedBecause = $"fewer than {options.MinOwners} owners";
            else if (total > 0 && largest / total * 100 > options.MaxDominancePercent)
                cell.SuppressedBecause = $"one owner holds more than {options.MaxDominancePercent:0.#} % of the total";
        }

        // children of each parent, computed once, in a stable order
        var children = new Dictionary<CellKey, List<Cell>>();
        foreach (var cell in cells.Values.OrderBy(c => c.Key.Area, StringComparer.Ordinal))
            foreach (var parent in parentsOf(cell.Key))
                if (cells.ContainsKey(parent))
                    (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(cell);

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (parentKey, kids) in children)
            {
                var parent = cells[parentKey];
                if (parent.Suppressed || kids.Count(k => k.Suppressed) != 1) continue;
                var complement = kids.Where(k => !k.Suppressed && k.Restricted).OrderBy(k => k.Total).ThenBy(k => k.Key.Area, StringComparer.Ordinal).FirstOrDefault();
                if (complement is not null) complement.SuppressedBecause = "withheld so that a suppressed neighbour cannot be derived from the total";
                else parent.SuppressedBecause = "withheld so that a suppressed part cannot be derived from it";
                changed = true;
            }
        }
    }
}
