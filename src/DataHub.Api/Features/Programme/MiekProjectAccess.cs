using DataHub.Api.Features.Organisations;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Programme;

/// <summary>
/// Who reads a province's pMIEK projects: the province itself, the ministry and the grid operators everywhere, and
/// the municipalities and RES regions of that province. The same rule filters lists, details and the change feed.
/// </summary>
public static class MiekProjectAccess
{
    /// <summary>The provinces whose projects the caller may read; null for all of them.</summary>
    public static IReadOnlyCollection<string>? Provinces(AccessScope scope)
    {
        if (scope.Organisation is not { } org) return [];
        var catalogue = AreaCatalogue.Instance;
        return scope.OrganisationType switch
        {
            OrganisationTypes.Rijk or OrganisationTypes.Netbeheerder => null,
            OrganisationTypes.Provincie => [org],
            OrganisationTypes.Gemeente => catalogue.ByCode.TryGetValue(org, out var m) && m.ProvinceCode is { } p ? [p] : [],
            OrganisationTypes.ResRegio => [.. catalogue.Municipalities.Where(m => m.ResRegionCode == org && m.ProvinceCode != null).Select(m => m.ProvinceCode!).Distinct()],
            _ => [],
        };
    }

    public static IQueryable<MiekProjectVersion> ReadableBy(this IQueryable<MiekProjectVersion> rows, AccessScope scope) =>
        Provinces(scope) is { } provinces ? rows.Where(p => provinces.Contains(p.OwnerCode)) : rows;

    public static bool Reads(AccessScope scope, string province) => Provinces(scope) is not { } provinces || provinces.Contains(province);

    /// <summary>The province's ProgrammeCoordinator: maintains, scores (work organisation's criteria) and decides.</summary>
    public static bool IsCoordinatorOf(AccessScope scope, MiekProjectVersion project) =>
        scope.Organisation == project.OwnerCode && scope.Caller.Has(Roles.ProgrammeCoordinator);

    /// <summary>A grid operator's Submitter that proposed the project or is one of its parties: scores C and H, reports progress.</summary>
    public static bool IsGridOperatorOf(AccessScope scope, MiekProjectVersion project) =>
        scope.OrganisationType == OrganisationTypes.Netbeheerder && scope.Caller.Has(Roles.Submitter)
        && (project.ProposedBy == scope.Organisation
            || MiekProjectContracts.FicheOf(project).Parties.Any(p => p.Organisation == scope.Organisation));

    /// <summary>The versions in force at a moment (now when null), retired ones left out.</summary>
    public static IQueryable<MiekProjectVersion> InForce(this IQueryable<MiekProjectVersion> rows, DateTime? asOf) =>
        rows.InForceAt(asOf).Where(p => !p.IsRetired);
}
