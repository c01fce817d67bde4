using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Organisations;

/// <summary>Organisation types; the access model decides by role and by these.</summary>
public static class OrganisationTypes
{
    public const string Provincie = "provincie";
    public const string Gemeente = "gemeente";
    public const string ResRegio = "resRegio";
    public const string Netbeheerder = "netbeheerder";
    public const string Rijk = "rijk";
    public const string SectorParty = "sectorParty";
    public static readonly string[] All = [Provincie, Gemeente, ResRegio, Netbeheerder, Rijk, SectorParty];
}

/// <summary>The organisations and areas every hub starts with: CBS areas (2025) and their authorities, the grid
/// operators and the ministry. Loaded on start when missing; never overwritten.</summary>
public static class ReferenceData
{
    public static readonly (string Code, string Name, string Type)[] FixedOrganisations =
    [
        ("TENNET", "TenneT TSO", OrganisationTypes.Netbeheerder),
        ("LIANDER", "Liander", OrganisationTypes.Netbeheerder),
        ("STEDIN", "Stedin", OrganisationTypes.Netbeheerder),
        ("ENEXIS", "Enexis Netbeheer", OrganisationTypes.Netbeheerder),
        ("WESTLANDINFRA", "Westland Infra", OrganisationTypes.Netbeheerder),
        ("RENDO", "Rendo Netwerken", OrganisationTypes.Netbeheerder),
        ("COTEQ", "Coteq Netbeheer", OrganisationTypes.Netbeheerder),
        ("GASUNIE", "Gasunie", OrganisationTypes.Netbeheerder),
        ("KGG", "Ministerie van Klimaat en Groene Groei", OrganisationTypes.Rijk),
        ("CLUSTER6", "Cluster 6 (decentrale industrie)", OrganisationTypes.SectorParty),
    ];

    public static IEnumerable<Organisation> Organisations()
    {
        var areas = AreaCatalogue.Instance;
        foreach (var p in areas.Provinces)
            yield return new Organisation { Code = p.Code, Name = $"Provincie {p.Name}", Type = OrganisationTypes.Provincie, AreaCode = p.Code };
        foreach (var m in areas.Municipalities)
            yield return new Organisation { Code = m.Code, Name = $"Gemeente {m.Name}", Type = OrganisationTypes.Gemeente, AreaCode = m.Code };
        foreach (var r in areas.ResRegions)
            yield return new Organisation { Code = r.Code, Name = $"RES-regio {r.Name}", Type = OrganisationTypes.ResRegio, AreaCode = r.Code };
        foreach (var (code, name, type) in FixedOrganisations)
            yield return new Organisation { Code = code, Name = name, Type = type };
    }

    /// <summary>Whether a code names a pre-loaded organisation (used where no database is at hand, e.g. the token command).</summary>
    public static bool IsKnownOrganisation(string code) =>
        AreaCatalogue.Instance.ByCode.ContainsKey(code) || FixedOrganisations.Any(o => o.Code == code);

    public static async Task LoadAsync(DataHubDb db, IReadOnlyDictionary<string, string>? tenants = null)
    {
        var existing = await db.Organisations.Select(o => o.Code).ToListAsync();
        var missing = Organisations().Where(o => !existing.Contains(o.Code)).ToList();
        if (missing.Count > 0) db.Organisations.AddRange(missing);
        await db.SaveChangesAsync();

        // Entra ID tenants per organisation (DataHub:Auth:Tenants: { "<organisation code>": "<tenant id>" }).
        foreach (var (code, tenant) in tenants ?? new Dictionary<string, string>())
        {
            var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Code == code)
                ?? throw new InvalidOperationException($"DataHub:Auth:Tenants names '{code}', which is not a registered organisation");
            organisation.TenantId = tenant;
        }

        if (!await db.Areas.AnyAsync())
        {
            foreach (var a in AreaCatalogue.Instance.ByCode.Values)
            {
                var area = new Area
                {
                    Code = a.Code, Name = a.Name, Kind = KindName(a.Kind), Geometry = a.Boundary,
                    ProvinceCode = a.ProvinceCode, ResRegionCode = a.ResRegionCode,
                };
                area.SetBounds();
                db.Areas.Add(area);
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    public static string KindName(AreaKind kind) => kind switch
    {
        AreaKind.Municipality => "municipality",
        AreaKind.Province => "province",
        _ => "resRegion",
    };
}
