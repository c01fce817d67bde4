using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;

namespace DataHub.Api.Access;

/// <summary>
/// What an organisation may submit depends on its type (api-docs/access.md): investment plans (IP) are the grid
/// operators' own; everything else any registered organisation may submit as owner.
/// </summary>
public static class SubmissionRules
{
    public static IEnumerable<FieldError> Check(DevelopmentInput input, string? organisationType)
    {
        if (input.PlanType == "IP" && organisationType != OrganisationTypes.Netbeheerder)
            yield return new FieldError("/properties/planType", "notPermitted",
                "IP developments (grid operators' investment plans) are submitted by grid operators only");
    }
}
