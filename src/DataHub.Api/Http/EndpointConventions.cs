namespace DataHub.Api.Http;

public static class EndpointConventions
{
    /// <summary>Declares the problem responses an operation can give, as application/problem+json.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses) builder.Produces<Problem>(status, Problems.ContentType);
        return builder;
    }
}
