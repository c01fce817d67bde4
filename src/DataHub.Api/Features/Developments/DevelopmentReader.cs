using System.Text.RegularExpressions;
using DataHub.Api.Spatial;
using static DataHub.Api.Operations.CodeLists;

namespace DataHub.Api.Features.Developments;

/// <summary>
/// Reads and validates a development Feature (schemas/development.schema.json) into a <see cref="DevelopmentInput"/>,
/// collecting every error with its JSON pointer. Pure: no database, no clock.
/// </summary>
public static partial class DevelopmentReader
{
    /// <summary>Properties the hub derives; sent back on a PUT they are ignored, except <c>owner</c>, which must be the caller.</summary>
    public static readonly string[] ReadOnlyProperties =
        ["id", "owner", "municipalityCode", "provinceCode", "resRegionCode", "otherMunicipalityCodes", "version", "retired", "createdAt", "updatedAt", "validTo", "changeKind"];

    private static readonly string[] Writable =
        ["externalId", "name", "description", "planType", "plan", "sector", "kind", "assetType", "certainty", "visibility",
         "commissioningYear", "decommissioningYear", "quantities", "energy", "carriers", "source"];

    [GeneratedRegex("^[a-z][A-Za-z0-9]{1,63}$")]
    private static partial Regex KindPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:\-/]{0,199}$")]
    private static partial Regex ExternalIdPattern();

    public static DevelopmentInput? Read(JsonElement feature, Crs crs, string callerOrganisation, ErrorCollector errors)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            errors.Add("", "invalidType", "a development is a GeoJSON Feature object");
            return null;
        }
        if (!feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
            errors.Add("/type", "invalidValue", "type must be \"Feature\"");
        foreach (var p in feature.EnumerateObject())
        {
            if (p.Name is not ("type" or "id" or "geometry" or "properties" or "links" or "bbox"))
                errors.Add("/" + ErrorCollector.Escape(p.Name), "unknownProperty", $"'{p.Name}' is not a member of a development Feature");
        }

        NetTopologySuite.Geometries.Geometry? geometry = null;
        if (!feature.TryGetProperty("geometry", out var g) || g.ValueKind == JsonValueKind.Null)
            errors.Add("/geometry", "required", "geometry is required");
        else
            geometry = GeoJsonGeometryReader.Read(g, crs, errors);

        if (!feature.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
        {
            errors.Add("/properties", "required", "properties must be an object");
            return null;
        }

        var r = new PropertyReader(props, errors);
        foreach (var p in props.EnumerateObject())
        {
            if (Array.IndexOf(Writable, p.Name) >= 0) continue;
            if (p.Name == "owner")
            {
                if (p.Value.ValueKind != JsonValueKind.String || p.Value.GetString() != callerOrganisation)
                    errors.Add("/properties/owner", "readOnly",
                        $"owner is set by the hub to the submitting organisation ({callerOrganisation}) and cannot be assigned");
                continue;
            }
            if (Array.IndexOf(ReadOnlyProperties, p.Name) >= 0) continue;
            errors.Add("/properties/" + ErrorCollector.Escape(p.Name), "unknownProperty", $"'{p.Name}' is not a property of a development");
        }

        var externalId = r.String("externalId", required: true, maxLength: 200);
        if (externalId is not null && !ExternalIdPattern().IsMatch(externalId))
            errors.Add("/properties/externalId", "invalidFormat", "externalId must start with a letter or digit and contain only letters, digits and . _ : - /");
        var name = r.String("name", required: true, maxLength: 300);
        var description = r.String("description", required: false, maxLength: 4000);
        var planType = r.Code("planType", PlanTypes, required: true);
        var plan = r.String("plan", required: false, maxLength: 200);
        var sector = r.Code("sector", Sectors, required: true);
        var kind = r.String("kind", required: true, maxLength: 64);
        if (kind is not null && !KindPattern().IsMatch(kind))
            errors.Add("/properties/kind", "invalidFormat", "kind is a lowerCamelCase code such as newBuildHomes or solarPark");
        var assetType = r.Code("assetType", AssetTypes, required: true);
        var certainty = r.Code("certainty", Certainties, required: true);
        var visibility = r.Code("visibility", Visibilities, required: false);
        var commissioning = r.Year("commissioningYear", "/properties/commissioningYear", props);
        var decommissioning = r.Year("decommissioningYear", "/properties/decommissioningYear", props);
        if (commissioning is not null && decommissioning is not null && decommissioning < commissioning)
            errors.Add("/properties/decommissioningYear", "invalidRange", "decommissioningYear is before commissioningYear");
        var quantities = ReadQuantities(props, errors);
        var energy = ReadEnergy(props, errors);
        var carriers = ReadCarriers(props, errors);
        var source = ReadSource(props, errors);

        if (errors.HasErrors || geometry is null) return null;
        return new DevelopmentInput(externalId!, name!, description, planType!, plan, sector!, kind!, assetType!, certainty!,
            visibility, commissioning, decommissioning, quantities, energy, carriers, source, geometry);
    }

    private static List<Quantity> ReadQuantities(JsonElement props, ErrorCollector errors)
    {
        var result = new List<Quantity>();
        if (!props.TryGetProperty("quantities", out var arr))
        {
            errors.Add("/properties/quantities", "required", "quantities is required: at least one {year, value, unit}");
            return result;
        }
        if (arr.ValueKind != JsonValueKind.Array || arr.GetArrayLength() == 0)
        {
            errors.Add("/properties/quantities", "invalidType", "quantities must be a non-empty array of {year, value, unit}");
            return result;
        }
        var seen = new HashSet<(int, string)>();
        var i = 0;
        foreach (var q in arr.EnumerateArray())
        {
            var at = $"/properties/quantities/{i++}";
            if (q.ValueKind != JsonValueKind.Object) { errors.Add(at, "invalidType", "a quantity is an object {year, value, unit}"); continue; }
            var r = new PropertyReader(q, errors, at);
            r.OnlyMembers("year", "value", "unit", "min", "max");
            var year = r.Year("year", at + "/year", q, required: true);
            var value = r.NonNegative("value", required: true);
            var unit = r.Code("unit", Units, required: true);
            var min = r.NonNegative("min", required: false);
            var max = r.NonNegative("max", required: false);
            if (value is not null && min is not null && min > value) errors.Add(at + "/min", "invalidRange", "min is greater than value");
            if (value is not null && max is not null && max < value) errors.Add(at + "/max", "invalidRange", "max is less than value");
            if (year is not null && unit is not null && !seen.Add((year.Value, unit)))
                errors.Add(at, "duplicate", $"a second quantity for {year} in {unit}");
            if (year is not null && value is not null && unit is not null)
                result.Add(new Quantity(year.Value, value.Value, unit, min, max));
        }
        result.Sort((a, b) => a.Year != b.Year ? a.Year.CompareTo(b.Year) : string.CompareOrdinal(a.Unit, b.Unit));
        return result;
    }

    private static List<StatedEnergy> ReadEnergy(JsonElement props, ErrorCollector errors)
    {
        var result = new List<StatedEnergy>();
        if (!props.TryGetProperty("energy", out var arr) || arr.ValueKind == JsonValueKind.Null) return result;
        if (arr.ValueKind != JsonValueKind.Array) { errors.Add("/properties/energy", "invalidType", "energy must be an array"); return result; }
        var seen = new HashSet<(int, string)>();
        var i = 0;
        foreach (var e in arr.EnumerateArray())
        {
            var at = $"/properties/energy/{i++}";
            if (e.ValueKind != JsonValueKind.Object) { errors.Add(at, "invalidType", "a stated energy entry is an object"); continue; }
            var r = new PropertyReader(e, errors, at);
            r.OnlyMembers("year", "carrier", "peakOfftakeMw", "peakFeedInMw", "annualEnergyMwh");
            var year = r.Year("year", at + "/year", e, required: true);
            var carrier = r.Code("carrier", Carriers, required: true);
            var offtake = r.NonNegative("peakOfftakeMw", false);
            var feedIn = r.NonNegative("peakFeedInMw", false);
            var annual = r.NonNegative("annualEnergyMwh", false);
            if (offtake is null && feedIn is null && annual is null && !e.TryGetProperty("peakOfftakeMw", out _)
                && !e.TryGetProperty("peakFeedInMw", out _) && !e.TryGetProperty("annualEnergyMwh", out _))
                errors.Add(at, "required", "state at least one of peakOfftakeMw, peakFeedInMw, annualEnergyMwh");
            if (year is not null && carrier is not null && !seen.Add((year.Value, carrier)))
                errors.Add(at, "duplicate", $"a second energy entry for {year} and {carrier}");
            if (year is not null && carrier is not null)
                result.Add(new StatedEnergy(year.Value, carrier, offtake, feedIn, annual));
        }
        result.Sort((a, b) => a.Year != b.Year ? a.Year.CompareTo(b.Year) : string.CompareOrdinal(a.Carrier, b.Carrier));
        return result;
    }

    private static List<string> ReadCarriers(JsonElement props, ErrorCollector errors)
    {
        var result = new List<string>();
        if (!props.TryGetProperty("carriers", out var arr) || arr.ValueKind == JsonValueKind.Null) return result;
        if (arr.ValueKind != JsonValueKind.Array) { errors.Add("/properties/carriers", "invalidType", "carriers must be an array of carrier codes"); return result; }
        var i = 0;
        foreach (var c in arr.EnumerateArray())
        {
            var at = $"/properties/carriers/{i++}";
            if (c.ValueKind != JsonValueKind.String || !IsKnown(Carriers, c.GetString()!))
                errors.Add(at, "unknownCode", $"unknown carrier; use one of {string.Join(", ", Carriers)}");
            else if (!result.Contains(c.GetString()!)) result.Add(c.GetString()!);
        }
        return result;
    }

    private static SourceMetadata ReadSource(JsonElement props, ErrorCollector errors)
    {
        if (!props.TryGetProperty("source", out var s) || s.ValueKind == JsonValueKind.Null) return new SourceMetadata();
        if (s.ValueKind != JsonValueKind.Object) { errors.Add("/properties/source", "invalidType", "source must be an object"); return new SourceMetadata(); }
        var r = new PropertyReader(s, errors, "/properties/source");
        r.OnlyMembers("licence", "attribution", "url", "contact");
        var licence = r.String("licence", false, 200);
        var attribution = r.String("attribution", false, 500);
        var url = r.String("url", false, 2000);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            errors.Add("/properties/source/url", "invalidFormat", "url must be an absolute http(s) URL");
        SourceContact? contact = null;
        if (s.TryGetProperty("contact", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind != JsonValueKind.Object) errors.Add("/properties/source/contact", "invalidType", "contact must be an object");
            else
            {
                var cr = new PropertyReader(c, errors, "/properties/source/contact");
                cr.OnlyMembers("name", "email", "phone");
                var email = cr.String("email", false, 320);
                if (email is not null && !email.Contains('@'))
                    errors.Add("/properties/source/contact/email", "invalidFormat", "email must be an e-mail address");
                contact = new SourceContact(cr.String("name", false, 200), email, cr.String("phone", false, 50));
            }
        }
        return new SourceMetadata(licence, attribution, url, contact);
    }

    /// <summary>Reads typed members of one JSON object, adding errors under a pointer prefix.</summary>
    private readonly struct PropertyReader(JsonElement obj, ErrorCollector errors, string at = "/properties")
    {
        public void OnlyMembers(params string[] names)
        {
            foreach (var p in obj.EnumerateObject())
                if (Array.IndexOf(names, p.Name) < 0)
                    errors.Add($"{at}/{ErrorCollector.Escape(p.Name)}", "unknownProperty", $"'{p.Name}' is not allowed here; allowed: {string.Join(", ", names)}");
        }

        public string? String(string name, bool required, int maxLength)
        {
            if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) errors.Add($"{at}/{name}", "required", $"{name} is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.String) { errors.Add($"{at}/{name}", "invalidType", $"{name} must be a string"); return null; }
            var s = v.GetString()!.Trim();
            if (s.Length == 0) { errors.Add($"{at}/{name}", required ? "required" : "invalidValue", $"{name} must not be empty"); return null; }
            if (s.Length > maxLength) { errors.Add($"{at}/{name}", "tooLong", $"{name} is longer than {maxLength} characters"); return null; }
            return s;
        }

        public string? Code(string name, string[] allowed, bool required)
        {
            var s = String(name, required, 64);
            if (s is null) return null;
            if (!IsKnown(allowed, s))
            {
                errors.Add($"{at}/{name}", "unknownCode", $"'{s}' is not a known {name}; use one of {string.Join(", ", allowed)}");
                return null;
            }
            return s;
        }

        public int? Year(string name, string pointer, JsonElement o, bool required = false)
        {
            if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) errors.Add(pointer, "required", $"{name} is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var y))
            {
                errors.Add(pointer, "invalidType", $"{name} must be a whole year");
                return null;
            }
            if (y is < MinYear or > MaxYear)
            {
                errors.Add(pointer, "outOfRange", $"{name} {y} is outside {MinYear}–{MaxYear}");
                return null;
            }
            return y;
        }

        public double? NonNegative(string name, bool required)
        {
            if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) errors.Add($"{at}/{name}", "required", $"{name} is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                errors.Add($"{at}/{name}", "invalidNumber", $"{name} must be a finite number");
                return null;
            }
            if (d < 0)
            {
                errors.Add($"{at}/{name}", "negative", $"{name} must not be negative");
                return null;
            }
            return d;
        }
    }
}
