using DataHub.Api.Access;
using DataHub.Api.Data;
using NetTopologySuite.Geometries;

namespace DataHub.UnitTests;

/// <summary>
/// The access policy's database predicates (an EXISTS over the grant table) and their in-memory twins decide alike,
/// over every combination of visibility, owner, grant level, recipient (by code or by organisation type), period and
/// coverage; and a few decisions spelled out.
/// </summary>
public sealed class AccessPolicyTests
{
    private static readonly DateOnly Today = new(2027, 3, 1);

    private static DevelopmentVersion Row(string owner, string visibility, string sector = "housing", string municipality = "GM0344") => new()
    {
        DevelopmentId = Guid.NewGuid(), OwnerCode = owner, Visibility = visibility, Sector = sector, MunicipalityCode = municipality, ProvinceCode = "PV26",
        Name = "x", ExternalId = "x", ChangedBy = "t", ChangeKind = "created", PlanType = "CES", Kind = "electrification", AssetType = "consumer",
        Certainty = "planned", OtherMunicipalityCodes = "[]", Geometry = new Point(5.1, 52.1) { SRID = 4326 }, QuantitiesJson = "[]", EnergyJson = "{}",
        CarriersJson = "[]", SourceJson = "{}", ContentHash = "h",
    };

    private static AccessGrant Grant(string owner, string level, string? code = null, string? type = null, string? sector = null, int startDays = -10, int? endDays = null) => new()
    {
        OwnerCode = owner, Level = level, RecipientCode = code, RecipientType = type, Sector = sector,
        PeriodStart = Today.AddDays(startDays), PeriodEnd = endDays is { } e ? Today.AddDays(e) : null,
    };

    /// <summary>The caller's scope as AccessScopes builds it: the grants in force today addressed to it, and the whole table to join on.</summary>
    private static AccessScope Scope(string org, string type, IReadOnlyList<AccessGrant> table) => new(
        new Caller(org, new HashSet<string> { Roles.Reader }, "t"), type,
        [.. table.Where(g => (g.RecipientCode == org || g.RecipientType == type) && g.PeriodStart <= Today && (g.PeriodEnd == null || g.PeriodEnd >= Today))],
        Today, table.AsQueryable());

    private static readonly AccessGrant[] Table =
    [
        Grant("CLUSTER6", AgreementLevels.Detail, code: "PV26"),
        Grant("CLUSTER6", AgreementLevels.AggregateOnly, type: "gemeente"),
        Grant("STEDIN", AgreementLevels.Detail, type: "provincie", sector: "industry"),
        Grant("STEDIN", AgreementLevels.Detail, code: "GM0344", endDays: -1),   // ended yesterday
        Grant("GM0307", AgreementLevels.Detail, code: "PV26", startDays: 5),     // starts in five days
        Grant("GM0307", AgreementLevels.Detail, type: "gemeente"),
    ];

    private static IEnumerable<DevelopmentVersion> Rows() =>
        from owner in new[] { "CLUSTER6", "STEDIN", "GM0307", "PV26", "GM0344" }
        from visibility in new[] { "public", "shared", "confidential" }
        from sector in new[] { "housing", "industry" }
        select Row(owner, visibility, sector);

    [Theory]
    [InlineData("PV26", "provincie")]
    [InlineData("PV27", "provincie")]
    [InlineData("GM0344", "gemeente")]
    [InlineData("STEDIN", "netbeheerder")]
    public void The_database_predicates_and_their_in_memory_twins_agree_on_every_row(string org, string type)
    {
        var scope = Scope(org, type, Table);
        var rows = Rows().ToList();
        var detail = rows.AsQueryable().Where(AccessPolicy.SeesDetail(scope)).ToHashSet();
        var aggregate = rows.AsQueryable().Where(AccessPolicy.SeesAggregate(scope)).ToHashSet();
        foreach (var row in rows)
        {
            Assert.True(detail.Contains(row) == scope.SeesDetail(row), $"detail {org} on {row.OwnerCode} {row.Visibility} {row.Sector}");
            Assert.True(aggregate.Contains(row) == scope.SeesAggregate(row), $"aggregate {org} on {row.OwnerCode} {row.Visibility} {row.Sector}");
            Assert.True(!detail.Contains(row) || aggregate.Contains(row), "what is seen in detail counts in aggregates too");
        }
    }

    [Fact]
    public void Anonymous_callers_see_public_records_only()
    {
        var rows = Rows().ToList();
        Assert.All(rows.AsQueryable().Where(AccessPolicy.SeesDetail(AccessScope.Anonymous)), r => Assert.Equal("public", r.Visibility));
        Assert.Equal(rows.Count(r => r.Visibility == "public"), rows.AsQueryable().Where(AccessPolicy.SeesAggregate(AccessScope.Anonymous)).Count());
    }

    [Fact]
    public void A_grant_to_an_organisation_type_opens_shared_records_never_confidential_ones()
    {
        var province = Scope("PV27", "provincie", Table); // STEDIN's industry records, to every province
        Assert.True(province.SeesDetail(Row("STEDIN", "shared", "industry")));
        Assert.False(province.SeesDetail(Row("STEDIN", "confidential", "industry")));
        Assert.False(province.SeesDetail(Row("STEDIN", "shared", "housing"))); // outside the grant's sector
    }

    [Fact]
    public void A_grant_outside_its_period_opens_nothing_and_aggregate_only_opens_no_detail()
    {
        var municipality = Scope("GM0344", "gemeente", Table);
        Assert.False(municipality.SeesDetail(Row("STEDIN", "confidential"))); // ended yesterday
        var province = Scope("PV26", "provincie", Table);
        Assert.False(province.SeesDetail(Row("GM0307", "confidential"))); // starts in five days
        Assert.False(municipality.SeesDetail(Row("CLUSTER6", "shared")));   // aggregateOnly to municipalities ...
        Assert.True(municipality.SeesAggregate(Row("CLUSTER6", "shared"))); // ... counts in their totals
        Assert.False(municipality.HasDetailAccess(Row("CLUSTER6", "public"))); // and shows no sensitive properties
    }
}
