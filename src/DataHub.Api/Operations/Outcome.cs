namespace DataHub.Api.Operations;

/// <summary>
/// What an operation answers: its result, or the problem (RFC 9457) that stopped it. Operations know nothing of the
/// surface that called them; REST writes the problem as problem+json, GraphQL as typed errors.
/// </summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, Problem? problem) => (Value, Problem) = (value, problem);

    public T? Value { get; }
    public Problem? Problem { get; }
    public bool Ok => Problem is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(ProblemResult problem) => new(default, problem.Problem);
    public static implicit operator Outcome<T>(Problem problem) => new(default, problem);

    /// <summary>True with the problem as REST answers it, or false with the result.</summary>
    public bool Failed(out ProblemResult problem, out T value)
    {
        problem = Problem is { } p ? new ProblemResult(p) : null!;
        value = Value!;
        return Problem is not null;
    }
}

/// <summary>A version an operation wrote (or found unchanged): the row and whether it is new.</summary>
public sealed record Written<TRow>(TRow Row, int Version, bool Created = false)
{
    public string ETag => Precondition.ETag(Version);
}
