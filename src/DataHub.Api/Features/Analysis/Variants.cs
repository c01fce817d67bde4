using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Analysis;

/// <summary>One change a variant makes to the base: to a development (shift, scale, move, drop) or to an area's capacity.</summary>
public sealed record VariantChange(Guid? Development = null, int? ShiftYears = null, double? Scale = null, bool Drop = false, Geometry? MoveTo = null,
    string? AreaShortCode = null, IReadOnlyList<CapacityYear>? AddCapacity = null);

/// <summary>What a variant comes to: the figures a province compares variants by.</summary>
public sealed record VariantSummary(int BottleneckCount, double TotalShortfallMwYears, IReadOnlyDictionary<string, int?> FirstCongestedYear,
    int DevelopmentsDelayed, int DevelopmentsDropped);

/// <summary>
/// What-if variants (pure, deterministic): the base developments and areas with the variant's changes applied,
/// analysed like the base. Shifting moves every year of a development's quantities and stated energy (and its
/// decommissioning); scaling multiplies quantities and stated energy; capacity added to an area counts from its year
/// on, on top of what the area has then.
/// </summary>
public static class Variants
{
    public static (IReadOnlyList<GridArea> Areas, IReadOnlyList<PlacedDevelopment> Developments) Apply(
        IReadOnlyList<GridArea> areas, IReadOnlyList<PlacedDevelopment> developments, IReadOnlyList<VariantChange> changes)
    {
        var byId = developments.ToDictionary(d => d.Facts.Id);
        foreach (var c in changes.Where(c => c.Development is not null))
        {
            if (!byId.TryGetValue(c.Development!.Value, out var d)) continue;
            if (c.Drop) { byId.Remove(d.Facts.Id); continue; }
            var f = d.Facts;
            if (c.ShiftYears is { } shift)
                f = f with
                {
                    Quantities = [.. f.Quantities.Select(q => q with { Year = q.Year + shift })],
                    Energy = [.. f.Energy.Select(e => e with { Year = e.Year + shift })],
                    DecommissioningYear = f.DecommissioningYear + shift,
                };
            if (c.Scale is { } scale)
                f = f with
                {
                    Quantities = [.. f.Quantities.Select(q => q with { Value = q.Value * scale, Min = q.Min * scale, Max = q.Max * scale })],
                    Energy = [.. f.Energy.Select(e => e with { PeakOfftakeMw = e.PeakOfftakeMw * scale, PeakFeedInMw = e.PeakFeedInMw * scale, AnnualEnergyMwh = e.AnnualEnergyMwh * scale })],
                };
            byId[f.Id] = new PlacedDevelopment(f, c.MoveTo ?? d.Geometry);
        }
        var newAreas = areas.Select(a =>
        {
            var added = changes.Where(c => c.AreaShortCode == a.ShortCode && c.AddCapacity is not null).SelectMany(c => c.AddCapacity!).ToList();
            if (added.Count == 0) return a;
            var years = a.Capacity.Select(c => c.Year).Concat(added.Select(c => c.Year)).Distinct().Order();
            var capacity = years.Select(y =>
            {
                var baseCap = a.CapacityIn(y);
                var extra = added.Where(c => c.Year <= y);
                return new CapacityYear(y, (baseCap?.OfftakeMw ?? 0) + extra.Sum(c => c.OfftakeMw), (baseCap?.FeedInMw ?? 0) + extra.Sum(c => c.FeedInMw));
            }).ToList();
            return a with { Capacity = capacity };
        }).ToList();
        return (newAreas, [.. byId.Values.OrderBy(d => d.Facts.Id)]);
    }

    public static VariantSummary Summarise(IReadOnlyList<GridArea> areas, IReadOnlyList<Bottleneck> bottlenecks, IReadOnlyList<VariantChange> changes)
    {
        var names = areas.ToDictionary(a => a.Id, a => $"{a.Operator}/{a.ShortCode}");
        var first = areas.OrderBy(a => names[a.Id], StringComparer.Ordinal).ToDictionary(a => names[a.Id],
            a => bottlenecks.Where(b => b.AreaId == a.Id).Select(b => (int?)b.FirstYear).DefaultIfEmpty(null).Min());
        return new VariantSummary(bottlenecks.Count, Math.Round(bottlenecks.Sum(b => b.Shortfall.Sum(s => s.ShortfallMw)), 6), first,
            changes.Count(c => c.Development is not null && c.ShiftYears > 0 && !c.Drop), changes.Count(c => c.Development is not null && c.Drop));
    }
}
