using System.Globalization;
using System.Text;

namespace DataHub.Api.Features.Developments;

/// <summary>
/// Pages of the development list (REST and GraphQL), by keyset: in creation order (<c>seq</c>), or by <c>name</c> or
/// <c>updatedAt</c>, ascending or descending, ties by creation order. A page starts behind the last record of the
/// previous one (its sort value and Seq in the cursor), so writes meanwhile never make a page repeat a record or skip
/// one that kept its place; a record that changed meanwhile moves to where its new value sorts (by updatedAt: to the
/// newest end, where a new first page or updatedSince finds it). The database's own collation orders names.
/// </summary>
public static class DevelopmentPaging
{
    public const string BySeq = "seq";
    public const string ByName = "name";
    public const string ByUpdatedAt = "updatedAt";
    public static readonly string[] SortKeys = [BySeq, ByName, ByUpdatedAt];

    public static async Task<(List<DevelopmentVersion> Page, bool HasMore)> PageAsync(IQueryable<DevelopmentVersion> rows, DevelopmentFilter f, CancellationToken ct)
    {
        rows = rows.AsNoTracking();
        var (s, v) = (f.Cursor, f.CursorValue);
        IOrderedQueryable<DevelopmentVersion> ordered;
        switch (f.Sort)
        {
            case ByName:
                if (s is { } seq && v is { } name)
                    rows = f.Descending ? rows.Where(x => string.Compare(x.Name, name) < 0 || (x.Name == name && x.Seq > seq))
                        : rows.Where(x => string.Compare(x.Name, name) > 0 || (x.Name == name && x.Seq > seq));
                ordered = f.Descending ? rows.OrderByDescending(x => x.Name) : rows.OrderBy(x => x.Name);
                break;
            case ByUpdatedAt:
                if (s is { } seq2 && v is { } ticks)
                {
                    var at = new DateTime(long.Parse(ticks, CultureInfo.InvariantCulture), DateTimeKind.Utc);
                    rows = f.Descending ? rows.Where(x => x.ValidFrom < at || (x.ValidFrom == at && x.Seq > seq2))
                        : rows.Where(x => x.ValidFrom > at || (x.ValidFrom == at && x.Seq > seq2));
                }
                ordered = f.Descending ? rows.OrderByDescending(x => x.ValidFrom) : rows.OrderBy(x => x.ValidFrom);
                break;
            default:
                if (s is { } after) rows = f.Descending ? rows.Where(x => x.Seq < after) : rows.Where(x => x.Seq > after);
                ordered = f.Descending ? rows.OrderByDescending(x => x.Seq) : rows.OrderBy(x => x.Seq);
                break;
        }
        if (f.Sort != BySeq) ordered = ordered.ThenBy(x => x.Seq);
        var page = (await ordered.Take(f.Limit + 1).ToListAsync(ct)).Select(x => x.SeenAt(f.AsOf)).ToList();
        var hasMore = page.Count > f.Limit;
        if (hasMore) page.RemoveAt(page.Count - 1);
        return (page, hasMore);
    }

    /// <summary>The cursor behind a record: its Seq in creation order (as it always was), else its sort value and Seq, encoded.</summary>
    public static string CursorOf(DevelopmentVersion v, DevelopmentFilter f) => f.Sort switch
    {
        BySeq => v.Seq.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{f.Sort}\n{v.Seq.ToString(CultureInfo.InvariantCulture)}\n"
            + (f.Sort == ByName ? v.Name : DateTime.SpecifyKind(v.ValidFrom, DateTimeKind.Utc).Ticks.ToString(CultureInfo.InvariantCulture)))).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
    };

    /// <summary>A cursor back into (Seq, sort value); (null, null) when it is not one of this order's.</summary>
    public static (long? Seq, string? Value) ParseCursor(string cursor, string sort)
    {
        if (sort == BySeq)
            return long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? (seq, null) : (null, null);
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64 + new string('=', (4 - b64.Length % 4) % 4))).Split('\n', 3);
            if (parts.Length == 3 && parts[0] == sort && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                && (sort == ByName || long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                return (s, parts[2]);
        }
        catch (FormatException) { }
        return (null, null);
    }
}
