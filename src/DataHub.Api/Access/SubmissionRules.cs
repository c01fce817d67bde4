using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;

namespace DataHub.Api.Access;

/// <summary>
/// What an organisation may submit depends on its type (api-docs/access.md): investment plans (IP) are the grid
/// operators' own; everything else any registered organisation may submit as owner.
/// </summary>
public static class SubmissionRules
{
    /// <summary>Grid data is written by the operating grid operator's Submitters only; null when the caller may.</summary>
    public static ProblemResult? GridWriter(AccessScope scope, string what) =>
        scope.Organisation is null ? Problems.Unauthorized("Importing requires a bearer token.")
        : scope.OrganisationType != OrganisationTypes.Netbeheerder || !scope.Caller.Has(Roles.Submitter)
            ? Problems.Forbidden($"{what} are delivered by a grid operator's Submitters, for their own grid.")
            : null;

    public static IEnumerable<FieldError> Check(DevelopmentInput input, string? organisationType)
    {
        if (input.PlanType == "IP" && organisationType != OrganisationTypes.Netbeheerder)
            yield return new FieldError("/properties/planType", "notPermitted",
                "IP developments (grid operators' investment plans) are submitted by grid operators only");
    }
}
