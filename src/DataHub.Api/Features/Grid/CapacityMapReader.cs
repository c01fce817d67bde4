using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DataHub.Api.Features.Grid;

/// <summary>The dataset header of a capacity-map file.</summary>
public sealed record CapacityMapHeader(string ConformsTo, string Creator, string Identifier, string Issued);

/// <summary>One energy area of a capacity-map file, validated.</summary>
public sealed record EnergyAreaInput(
    string ShortCode, string Kind, string? Description,
    double? DemandAvailableMw, double? DemandQuotedMw, double? DemandInQueueMw, int? DemandRequestsInQueue, double? DemandForecastMw,
    int? DemandAlleviationYear, string? DemandConstraint,
    double? GenerationAvailableMw, double? GenerationQuotedMw, double? GenerationInQueueMw, int? GenerationRequestsInQueue, double? GenerationForecastMw,
    int? GenerationAlleviationYear, string? GenerationConstraint,
    string? DemandCongestionAreaCode, string? GenerationCongestionAreaCode,
    string WorksJson, string PostcodeAreasJson)
{
    public string ContentHash()
    {
        var text = JsonSerializer.Serialize(this);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>
/// Reads Netbeheer Nederland's capacity-map JSON (im-capaciteitskaart v1.3, Apache-2.0; the schema is in
/// schemas/im-capaciteitskaart/) as it is delivered, checking what the schema requires and what the hub relies on —
/// required members, types, the RAG and area-kind enumerations, non-negative capacities, plausible years, unique
/// short codes — and reporting every problem with its JSON pointer. Members the hub does not use are kept (works
/// and postcode areas as delivered) or ignored, as the format allows extensions.
/// Written by hand: the one JSON Schema validator served here (NJsonSchema) cannot read the format's 2019-09 $defs.
/// </summary>
public static class CapacityMapReader
{

    public static (CapacityMapHeader? Header, List<EnergyAreaInput> Areas) Read(JsonElement root, ErrorCollector errors)
    {
        var areas = new List<EnergyAreaInput>();
        if (root.ValueKind != JsonValueKind.Object) { errors.Add("", "invalidType", "a capacity map is a JSON object"); return (null, areas); }
        string? Text(JsonElement o, string name, string at, bool required)
        {
            if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) errors.Add($"{at}/{name}", "required", $"{name} is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0) { errors.Add($"{at}/{name}", "invalidType", $"{name} must be a non-empty string"); return null; }
            return v.GetString();
        }
        var header = new CapacityMapHeader(Text(root, "conforms_to", "", true) ?? "", Text(root, "creator", "", true) ?? "",
            Text(root, "identifier", "", true) ?? "", Text(root, "issued", "", true) ?? "");
        if (header.ConformsTo.Length > 0 && !header.ConformsTo.Contains("capaciteitskaart/v1.", StringComparison.Ordinal))
            errors.Add("/conforms_to", "unsupportedVersion", $"'{header.ConformsTo}' is not the capacity-map model v1.x");

        if (!root.TryGetProperty("energy_areas", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("/energy_areas", "required", "energy_areas must be an array");
            return (header, areas);
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var a in list.EnumerateArray())
        {
            var at = $"/energy_areas/{i}";
            if (a.ValueKind != JsonValueKind.Object) { errors.Add(at, "invalidType", "an energy area is an object"); i++; continue; }
            var before = errors.Errors.Count;
            var shortCode = Text(a, "short_code", at, true);
            if (shortCode is not null && !seen.TryAdd(shortCode, i))
                errors.Add($"{at}/short_code", "duplicate", $"short_code '{shortCode}' also appears at /energy_areas/{seen[shortCode]}");
            var kind = Text(a, "type", at, false) ?? "energy_area";
            if (Array.IndexOf(CodeLists.EnergyAreaKinds, kind) < 0) errors.Add($"{at}/type", "unknownCode", $"type is one of {string.Join(", ", CodeLists.EnergyAreaKinds)}");
            double? Mw(string name)
            {
                if (!a.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d)) { errors.Add($"{at}/{name}", "invalidNumber", $"{name} must be a finite number (MW)"); return null; }
                if (d < 0) { errors.Add($"{at}/{name}", "negative", $"{name} must not be negative"); return null; }
                return d;
            }
            int? Int(string name, int min, int max)
            {
                if (!a.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || n < min || n > max) { errors.Add($"{at}/{name}", "outOfRange", $"{name} must be a whole number from {min} to {max}"); return null; }
                return n;
            }
            string? Rag(string name)
            {
                var c = Text(a, name, at, false);
                if (c is not null && Array.IndexOf(CodeLists.CapacityConstraints, c) < 0) { errors.Add($"{at}/{name}", "unknownCode", $"{name} is one of {string.Join(", ", CodeLists.CapacityConstraints)}"); return null; }
                return c;
            }
            var works = ReadWorks(a, at, errors);
            var postcodes = ReadPostcodeAreas(a, at, errors);
            var area = new EnergyAreaInput(shortCode ?? "", kind, Text(a, "description", at, false),
                Mw("demand_available_capacity"), Mw("demand_quoted_capacity"), Mw("demand_capacity_in_queue"), Int("demand_requests_in_queue", 0, int.MaxValue),
                Mw("demand_forecast_capacity"), Int("demand_alleviation_year", 2000, 2100), Rag("demand_constraint"),
                Mw("generation_available_capacity"), Mw("generation_quoted_capacity"), Mw("generation_capacity_in_queue"), Int("generation_requests_in_queue", 0, int.MaxValue),
                Mw("generation_forecast_capacity"), Int("generation_alleviation_year", 2000, 2100), Rag("generation_constraint"),
                Text(a, "demand_energy_area_short_code", at, false), Text(a, "generation_energy_area_short_code", at, false), works, postcodes);
            if (errors.Errors.Count == before) areas.Add(area);
            i++;
        }
        return (header, areas);
    }

    private static string ReadWorks(JsonElement a, string at, ErrorCollector errors)
    {
        if (!a.TryGetProperty("works", out var works) || works.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{at}/works", "required", "works is required (an empty array when there are none)");
            return "[]";
        }
        var j = 0;
        foreach (var w in works.EnumerateArray())
        {
            var wat = $"{at}/works/{j++}";
            if (w.ValueKind != JsonValueKind.Object) { errors.Add(wat, "invalidType", "a work is an object"); continue; }
            if (!w.TryGetProperty("project_name", out var name) || name.ValueKind != JsonValueKind.String)
                errors.Add($"{wat}/project_name", "required", "project_name is required");
            if (!w.TryGetProperty("time_schedules", out var schedules) || schedules.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"{wat}/time_schedules", "required", "time_schedules is required");
                continue;
            }
            var k = 0;
            foreach (var s in schedules.EnumerateArray())
            {
                var sat = $"{wat}/time_schedules/{k++}";
                if (s.ValueKind != JsonValueKind.Object || !s.TryGetProperty("schedule_interval", out var interval) || interval.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{sat}/schedule_interval", "required", "schedule_interval is required");
                    continue;
                }
                foreach (var date in new[] { "start", "end" })
                    if (interval.TryGetProperty(date, out var d) && (d.ValueKind != JsonValueKind.String || !DateOnly.TryParse(d.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _)))
                        errors.Add($"{sat}/schedule_interval/{date}", "invalidFormat", $"{date} is a date, yyyy-MM-dd");
                if (interval.TryGetProperty("quarter", out var q) && (q.ValueKind != JsonValueKind.Number || !q.TryGetInt32(out var qn) || qn is < 1 or > 4))
                    errors.Add($"{sat}/schedule_interval/quarter", "outOfRange", "quarter is 1–4");
                if (interval.TryGetProperty("year", out var y) && (y.ValueKind != JsonValueKind.Number || !y.TryGetInt32(out var yn) || yn is < 2000 or > 2100))
                    errors.Add($"{sat}/schedule_interval/year", "outOfRange", "year is 2000–2100");
            }
        }
        return JsonNode.Parse(works.GetRawText())!.ToJsonString();
    }

    private static string ReadPostcodeAreas(JsonElement a, string at, ErrorCollector errors)
    {
        if (!a.TryGetProperty("postcode_areas", out var list) || list.ValueKind == JsonValueKind.Null) return "[]";
        if (list.ValueKind != JsonValueKind.Array) { errors.Add($"{at}/postcode_areas", "invalidType", "postcode_areas is an array"); return "[]"; }
        var j = 0;
        foreach (var p in list.EnumerateArray())
        {
            var pat = $"{at}/postcode_areas/{j++}";
            if (p.ValueKind != JsonValueKind.Object) { errors.Add(pat, "invalidType", "a postcode area is an object"); continue; }
            if (!p.TryGetProperty("postcode", out var pc) || pc.ValueKind != JsonValueKind.String || !System.Text.RegularExpressions.Regex.IsMatch(pc.GetString()!, "^[1-9][0-9]{3} ?[A-Z]{0,2}$"))
                errors.Add($"{pat}/postcode", "invalidFormat", "postcode is a Dutch postcode (1234 or 1234AB)");
            foreach (var c in new[] { "demand_constraint", "generation_constraint" })
                if (!p.TryGetProperty(c, out var v) || v.ValueKind != JsonValueKind.String || Array.IndexOf(CodeLists.CapacityConstraints, v.GetString()) < 0)
                    errors.Add($"{pat}/{c}", "unknownCode", $"{c} is required: one of {string.Join(", ", CodeLists.CapacityConstraints)}");
        }
        return JsonNode.Parse(list.GetRawText())!.ToJsonString();
    }
}
