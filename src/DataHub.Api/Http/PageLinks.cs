using DataHub.Api.Features.Developments;

namespace DataHub.Api.Http;

/// <summary>Links between the pages of a list.</summary>
public static class PageLinks
{
    /// <summary>The hub's own address as the request reached it (scheme and host), for links in answers.</summary>
    public static string BaseUrl(HttpRequest r) => $"{r.Scheme}://{r.Host}";

    /// <summary>
    /// The next page: the request's own URL with the paging parameters set, so it asks what this page asked (the same
    /// filters) from further on.
    /// </summary>
    public static Link Next(HttpRequest request, string mediaType, params (string Name, string Value)[] set)
    {
        var query = request.Query.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        foreach (var (name, value) in set) query[name] = value;
        return new Link($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{QueryString.Create(query)}", "next", mediaType);
    }
}
