using System.Security.Cryptography;
using System.Text;
using DataHub.Api.Spatial;
using NetTopologySuite.IO;

namespace DataHub.Api.Features.Developments;

/// <summary>Hand-written mapping between the contract and the stored version rows.</summary>
public static class DevelopmentMapping
{
    public static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The stored quantities and stated energy of a version (source-generated: a rebuild of the analysis model reads every development's).</summary>
    public static List<Quantity> StoredQuantities(string json) => JsonSerializer.Deserialize(json, StoredJsonContext.Default.ListQuantity)!;

    public static IReadOnlyList<StatedEnergy> StoredEnergy(string json) => json == "[]" ? [] : JsonSerializer.Deserialize(json, StoredJsonContext.Default.ListStatedEnergy)!;

    /// <summary>Builds a new version row from validated input; identity, version and timestamps are set by the caller.</summary>
    public static DevelopmentVersion ToVersion(this DevelopmentInput input, string owner, Guid? planId, string visibility, DerivedAreas areas)
    {
        var firstYear = input.CommissioningYear
            ?? input.Quantities.Select(q => q.Year).Concat(input.Energy.Select(e => e.Year)).DefaultIfEmpty(CodeLists.MinYear).Min();
        var row = new DevelopmentVersion
        {
            OwnerCode = owner,
            ExternalId = input.ExternalId,
            ChangedBy = "",
            ChangeKind = "",
            Name = input.Name,
            Description = input.Description,
            PlanType = input.PlanType,
            PlanId = planId,
            Sector = input.Sector,
            Kind = input.Kind,
            AssetType = input.AssetType,
            Certainty = input.Certainty,
            Visibility = visibility,
            CommissioningYear = input.CommissioningYear,
            DecommissioningYear = input.DecommissioningYear,
            FirstYear = firstYear,
            LastYear = input.DecommissioningYear,
            MunicipalityCode = areas.MunicipalityCode,
            ProvinceCode = areas.ProvinceCode,
            ResRegionCode = areas.ResRegionCode,
            OtherMunicipalityCodes = JsonSerializer.Serialize(areas.OtherMunicipalityCodes, StoredJson),
            Geometry = input.Geometry,
            QuantitiesJson = JsonSerializer.Serialize(input.Quantities, StoredJson),
            EnergyJson = JsonSerializer.Serialize(input.Energy, StoredJson),
            CarriersJson = JsonSerializer.Serialize(input.Carriers, StoredJson),
            SourceJson = JsonSerializer.Serialize(input.Source, StoredJson),
            ContentHash = "",
        };
        row.SetBounds();
        row.ContentHash = ContentHash(row);
        return row;
    }

    /// <summary>A hash over everything a submitter controls, so that a re-submission of the same content is "unchanged".</summary>
    public static string ContentHash(DevelopmentVersion r)
    {
        var text = string.Join('\u001f', r.Name, r.Description, r.PlanType, r.PlanId, r.Sector, r.Kind, r.AssetType, r.Certainty,
            r.Visibility, r.CommissioningYear, r.DecommissioningYear, r.QuantitiesJson, r.EnergyJson, r.CarriersJson, r.SourceJson);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(text));
        sha.AppendData(new WKBWriter(ByteOrder.LittleEndian, false, false, false).Write(r.Geometry));
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>The properties withheld from a caller without detail access (access policy, property level).</summary>
    public static readonly string[] SensitiveProperties = ["energy", "source.contact"];

    /// <summary>
    /// The Feature a caller sees. Without <paramref name="detailAccess"/> (the owner, or a detail agreement covering the
    /// record) the sensitive properties are withheld and named in <c>withheld</c>.
    /// </summary>
    public static DevelopmentFeature ToFeature(this DevelopmentVersion r, Crs crs, string baseUrl, bool detailAccess)
    {
        var source = JsonSerializer.Deserialize<SourceMetadata>(r.SourceJson, StoredJson)!;
        var energy = JsonSerializer.Deserialize<List<StatedEnergy>>(r.EnergyJson, StoredJson)!;
        return new(
        r.DevelopmentId,
        CrsTransform.FromCrs84(crs, r.Geometry),
        new DevelopmentProperties(
            r.DevelopmentId, r.ExternalId, r.OwnerCode, r.Name, r.Description, r.PlanType, r.PlanId, r.Sector, r.Kind,
            r.AssetType, r.Certainty, r.Visibility, r.CommissioningYear, r.DecommissioningYear,
            JsonSerializer.Deserialize<List<Quantity>>(r.QuantitiesJson, StoredJson)!,
            detailAccess ? energy : [],
            JsonSerializer.Deserialize<List<string>>(r.CarriersJson, StoredJson)!,
            detailAccess ? source : source with { Contact = null },
            r.MunicipalityCode, r.ProvinceCode, r.ResRegionCode,
            JsonSerializer.Deserialize<List<string>>(r.OtherMunicipalityCodes, StoredJson)!,
            r.Version, r.IsRetired, r.CreatedAt, r.ValidFrom, r.ValidTo, r.ChangeKind,
            detailAccess ? null : SensitiveProperties),
        [new Link($"{baseUrl}/api/v1/developments/{r.DevelopmentId}", "self", "application/geo+json")]);
    }
}

/// <summary>The stored JSON of quantities and stated energy, with the same options as <see cref="DevelopmentMapping.StoredJson"/>.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<Quantity>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<StatedEnergy>))]
internal sealed partial class StoredJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
