using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Grid;

/// <summary>Available capacity in one year: offtake (afname) and feed-in (invoeding), planned works included.</summary>
public sealed record CapacityYear(int Year, double OfftakeMw, double FeedInMw);

/// <summary>What an operator adds to an energy area beside the capacity map: its boundary and capacity per year.</summary>
public sealed record EnergyAreaDetailsInput(string ShortCode, Geometry Geometry, IReadOnlyList<CapacityYear> Capacity);

/// <summary>
/// Reads one Feature of an energy-area import: a Polygon or MultiPolygon
/// in the body's CRS with properties <c>shortCode</c> and <c>capacity</c> [{year, offtakeMw, feedInMw}]. Pure.
/// </summary>
public static class EnergyAreaDetailsReader
{
    public static EnergyAreaDetailsInput? Read(JsonElement feature, Crs crs, ErrorCollector errors)
    {
        if (feature.ValueKind != JsonValueKind.Object) { errors.Add("", "invalidType", "an energy area is a GeoJSON Feature"); return null; }
        Geometry? geometry = null;
        if (!feature.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object)
            errors.Add("/geometry", "required", "geometry is required: the area's Polygon or MultiPolygon");
        else
        {
            geometry = GeoJsonGeometryReader.Read(g, crs, errors);
            if (geometry is not null and not (Polygon or MultiPolygon))
            {
                errors.Add("/geometry/type", "unsupportedGeometryType", "an energy area is a Polygon or MultiPolygon");
                geometry = null;
            }
        }
        if (!feature.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object)
        {
            errors.Add("/properties", "required", "properties must be an object with shortCode and capacity");
            return null;
        }
        string? shortCode = p.TryGetProperty("shortCode", out var sc) && sc.ValueKind == JsonValueKind.String && sc.GetString()!.Length > 0 ? sc.GetString() : null;
        if (shortCode is null) errors.Add("/properties/shortCode", "required", "shortCode is required: the short_code of the capacity map");
        var capacity = new List<CapacityYear>();
        if (!p.TryGetProperty("capacity", out var cap) || cap.ValueKind != JsonValueKind.Array)
            errors.Add("/properties/capacity", "required", "capacity is an array of {year, offtakeMw, feedInMw}");
        else
        {
            var i = 0;
            var years = new HashSet<int>();
            foreach (var c in cap.EnumerateArray())
            {
                var at = $"/properties/capacity/{i++}";
                int? year = c.ValueKind == JsonValueKind.Object && c.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var yv) && yv is >= 2000 and <= 2100 ? yv : null;
                if (year is null) errors.Add($"{at}/year", "outOfRange", "year is a whole year from 2000 to 2100");
                else if (!years.Add(year.Value)) errors.Add($"{at}/year", "duplicate", $"a second capacity for {year}");
                double? Mw(string name)
                {
                    if (c.ValueKind != JsonValueKind.Object || !c.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
                    {
                        errors.Add($"{at}/{name}", "invalidNumber", $"{name} is required: a finite number of MW");
                        return null;
                    }
                    if (d < 0) { errors.Add($"{at}/{name}", "negative", $"{name} must not be negative"); return null; }
                    return d;
                }
                var offtake = Mw("offtakeMw");
                var feedIn = Mw("feedInMw");
                if (year is not null && offtake is not null && feedIn is not null) capacity.Add(new CapacityYear(year.Value, offtake.Value, feedIn.Value));
            }
        }
        return errors.HasErrors ? null : new EnergyAreaDetailsInput(shortCode!, geometry!, [.. capacity.OrderBy(c => c.Year)]);
    }
}
