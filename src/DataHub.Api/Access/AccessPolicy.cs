using DataHub.Api.Data;

namespace DataHub.Api.Access;

/// <summary>
/// The one place that decides which records a caller may see. Every read path filters through it.
/// Today: public records to everyone, shared and confidential records to their owner. The access issue adds
/// sharing agreements here, and every surface inherits them.
/// </summary>
public static class AccessPolicy
{
    public static IQueryable<DevelopmentVersion> VisibleTo(this IQueryable<DevelopmentVersion> rows, Caller caller) =>
        caller.Organisation is { } org
            ? rows.Where(d => d.Visibility == "public" || d.OwnerCode == org)
            : rows.Where(d => d.Visibility == "public");

    public static bool CanSee(this Caller caller, DevelopmentVersion row) =>
        row.Visibility == "public" || (caller.Organisation is { } org && row.OwnerCode == org);

    /// <summary>Whether the caller may submit developments (as its own organisation).</summary>
    public static bool CanSubmit(this Caller caller) => caller.IsAuthenticated && caller.Has(Roles.Submitter);

    public static IQueryable<PlanVersion> VisibleTo(this IQueryable<PlanVersion> rows, Caller caller) => rows;
}
