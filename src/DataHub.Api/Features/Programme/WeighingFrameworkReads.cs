namespace DataHub.Api.Features.Programme;

/// <summary>The framework a province weighs with: its own, tailored, or the default. Public: how projects are weighed is part of the transparency.</summary>
public sealed class WeighingFrameworkReads(DataHubDb db)
{
    public async Task<Outcome<ProvinceFramework>> GetAsync(string province, CancellationToken ct)
    {
        if (!WeighingFrameworkContracts.IsProvince(province)) return Problems.NotFound($"There is no province {province}.");
        return WeighingFrameworkContracts.ToResponse(province, await db.WeighingFrameworkVersions.AsNoTracking().FirstOrDefaultAsync(f => f.OwnerCode == province && f.ValidTo == null, ct));
    }

    /// <summary>The framework a province weighs with now.</summary>
    public static async Task<WeighingFramework> ForAsync(DataHubDb db, string province, CancellationToken ct) => (await ForAsync(db, [province], ct))[province];

    /// <summary>The framework each of these provinces weighs with now (or weighed with at asOf), in one query.</summary>
    public static async Task<Dictionary<string, WeighingFramework>> ForAsync(DataHubDb db, IReadOnlyCollection<string> provinces, CancellationToken ct,
        DateTime? asOf = null)
    {
        var rows = await db.WeighingFrameworkVersions.AsNoTracking().InForceAt(asOf).Where(f => provinces.Contains(f.OwnerCode)).ToDictionaryAsync(f => f.OwnerCode, ct);
        return provinces.Distinct().ToDictionary(p => p, p => rows.TryGetValue(p, out var row) ? WeighingFrameworkContracts.ToFramework(row) : WeighingFrameworkContracts.Default);
    }

}
