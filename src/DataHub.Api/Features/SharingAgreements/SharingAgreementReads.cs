namespace DataHub.Api.Features.SharingAgreements;

/// <summary>
/// The agreements a caller's organisation gave or received: the owner's organisation and the recipients read them; to
/// anyone else they do not exist (404). With what each grants at the moment of the answer.
/// </summary>
public sealed class SharingAgreementReads(DataHubDb db, TimeProvider clock)
{
    public async Task<Outcome<SharingAgreementList>> ListAsync(AccessScope scope, string? role, CancellationToken ct)
    {
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        if (role is not null and not ("owner" or "recipient"))
            return Problems.Validation([new FieldError("", "unknownCode", "role is owner or recipient") { Parameter = "role" }]);
        var current = await db.SharingAgreementVersions.AsNoTracking().Where(a => a.ValidTo == null).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var items = current
            .Where(a => role switch
            {
                "owner" => SharingAgreementContracts.IsOwner(a, scope),
                "recipient" => SharingAgreementContracts.IsRecipient(a, scope),
                _ => SharingAgreementContracts.IsOwner(a, scope) || SharingAgreementContracts.IsRecipient(a, scope),
            })
            .Select(a => SharingAgreementContracts.ToResponse(a, clock)).ToList();
        return new SharingAgreementList(items, items.Count);
    }

    /// <summary>The current version and what it grants now.</summary>
    public async Task<Outcome<(SharingAgreementVersion Row, SharingAgreementResponse Response)>> GetAsync(AccessScope scope, Guid id, CancellationToken ct)
    {
        var visible = await VisibleAsync(scope, id, ct);
        if (visible.Problem is { } p) return p;
        return (visible.Value!, await WithGrantsAsync(visible.Value!, ct));
    }

    public async Task<Outcome<SharingAgreementList>> VersionsAsync(AccessScope scope, Guid id, CancellationToken ct)
    {
        var visible = await VisibleAsync(scope, id, ct);
        if (visible.Problem is { } p) return p;
        var versions = await db.SharingAgreementVersions.AsNoTracking().Where(a => a.AgreementId == id).OrderBy(a => a.Version).ToListAsync(ct);
        var items = versions.Select(v => SharingAgreementContracts.ToResponse(v, clock)).ToList();
        return new SharingAgreementList(items, items.Count);
    }

    /// <summary>The current version, when the caller's organisation owns or receives it; 404 otherwise.</summary>
    public async Task<Outcome<SharingAgreementVersion>> VisibleAsync(AccessScope scope, Guid id, CancellationToken ct)
    {
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        var row = await db.SharingAgreementVersions.AsNoTracking().FirstOrDefaultAsync(a => a.AgreementId == id && a.ValidTo == null, ct);
        return row is not null && (SharingAgreementContracts.IsOwner(row, scope) || SharingAgreementContracts.IsRecipient(row, scope))
            ? row : Problems.NotFound($"There is no sharing agreement {id}.");
    }

    public async Task<SharingAgreementResponse> WithGrantsAsync(SharingAgreementVersion row, CancellationToken ct) =>
        SharingAgreementContracts.ToResponse(row, clock) with { Grants = await GrantsAsync(db, row, clock, ct) };

    /// <summary>What the agreement grants now (<see cref="AgreementGrants"/>): its grant rows over the owner's current records.</summary>
    public static async Task<AgreementGrants> GrantsAsync(DataHubDb db, SharingAgreementVersion a, TimeProvider clock, CancellationToken ct)
    {
        var warnings = new List<string>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var inForce = a.ValidTo == null && a.Status == SharingAgreementStatuses.Active && a.PeriodStart <= today && (a.PeriodEnd is null || a.PeriodEnd >= today);
        var none = new AgreementGrantCounts(0, 0);
        if (!inForce)
        {
            warnings.Add(a.Status != SharingAgreementStatuses.Active
                ? $"The agreement is {a.Status}: it grants nothing until it is active."
                : $"The agreement is outside its period ({a.PeriodStart:yyyy-MM-dd} – {a.PeriodEnd?.ToString("yyyy-MM-dd") ?? "open"}): it grants nothing today.");
            return new AgreementGrants(none, none, warnings);
        }
        var rows = AccessGrants.RowsOf(a).ToList();
        var owner = a.OwnerCode;
        var noGeometry = NetTopologySuite.Geometries.Point.Empty; // a variable, so EF treats it as a parameter
        var records = await db.DevelopmentVersions.AsNoTracking()
            .Where(v => v.OwnerCode == owner && v.ValidTo == null && !v.IsRetired && v.Visibility != "public")
            .Select(v => new DevelopmentVersion
            {
                DevelopmentId = v.DevelopmentId, OwnerCode = v.OwnerCode, Visibility = v.Visibility, PlanType = v.PlanType, Sector = v.Sector,
                MunicipalityCode = v.MunicipalityCode, ProvinceCode = v.ProvinceCode, ResRegionCode = v.ResRegionCode,
                ExternalId = "", ChangedBy = "", ChangeKind = "", Name = "", Kind = "", AssetType = "", Certainty = "", OtherMunicipalityCodes = "",
                Geometry = noGeometry, QuantitiesJson = "", EnergyJson = "", CarriersJson = "", SourceJson = "", ContentHash = "",
            })
            .ToListAsync(ct);
        var covered = records.Where(r => rows.Any(g => g.Covers(r))).ToList();
        var shared = covered.Count(r => r.Visibility == "shared");
        var confidential = covered.Count(r => r.Visibility == "confidential");
        var aggregate = new AgreementGrantCounts(shared, confidential);
        if (a.Level != AgreementLevels.Detail) return new AgreementGrants(none, aggregate, warnings);
        var confidentialByCode = covered.Count(r => r.Visibility == "confidential" && rows.Any(g => g.RecipientCode != null && g.Covers(r)));
        var byTypeOnly = confidential - confidentialByCode;
        if (byTypeOnly > 0)
            warnings.Add($"{byTypeOnly} confidential record(s) in scope are not opened in detail to organisation-type recipients " +
                "(confidential data is shared only with organisations named by code); they count in aggregates only. " +
                "Name the organisations by code to share them in detail.");
        if (shared + confidentialByCode == 0)
            warnings.Add("This detail agreement opens no record in detail today: " + (covered.Count == 0
                ? "none of the owner's shared or confidential records is in its scope."
                : "its recipients may not see the confidential records in its scope."));
        return new AgreementGrants(new AgreementGrantCounts(shared, confidentialByCode), aggregate, warnings);
    }

}
