using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Grid;

/// <summary>A station Feature read into its input, every fault with its pointer. Pure.</summary>
public static class StationReader
{
    /// <summary>Reads one station Feature; every problem with its pointer. Pure.</summary>
    public static StationInput? Read(JsonElement f, Crs crs, ErrorCollector errors, string at)
    {
        var before = errors.Errors.Count;
        Geometry? location = f.TryGetProperty("geometry", out var g) ? GeoJsonGeometryReader.Read(g, crs, errors, at + "/geometry") : null;
        if (location is null && errors.Errors.Count == before) errors.Add(at + "/geometry", "required", "a station is a Point");
        if (location is not null and not Point) { errors.Add(at + "/geometry/type", "unsupportedGeometryType", "a station is a Point"); location = null; }
        if (!f.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at + "/properties", "required", "properties {code, name, voltagesKv} are required");
            return null;
        }
        var o = JsonObjectReader.Over(p, errors, at + "/properties");
        var code = o.String("code", true, 200);
        var name = o.String("name", true, 200);
        var area = o.String("energyAreaShortCode", false, 200);
        var voltages = new List<int>();
        if (!p.TryGetProperty("voltagesKv", out var vs) || vs.ValueKind != JsonValueKind.Array || vs.GetArrayLength() == 0)
            errors.Add($"{at}/properties/voltagesKv", "required", "voltagesKv is a non-empty array of voltage levels in kV, e.g. [150, 20]");
        else
        {
            var k = 0;
            foreach (var v in vs.EnumerateArray())
            {
                if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var kv) && kv is > 0 and <= 1000) voltages.Add(kv);
                else errors.Add($"{at}/properties/voltagesKv/{k}", "outOfRange", "a voltage level is a whole number of kV from 1 to 1000");
                k++;
            }
        }
        return errors.Errors.Count > before ? null : new StationInput(code!, name!, [.. voltages.OrderDescending()], area, (Point)location!);
    }
}
