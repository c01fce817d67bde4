namespace DataHub.Api.Access;

/// <summary>
/// <c>dotnet run --project src/DataHub.Api --no-build -- token --org GM0344 --roles Submitter,Reader</c>: prints a bearer token
/// of the local issuer on one line. Exit code 2 with a message on stderr for bad arguments.
/// </summary>
public static class TokenCommand
{
    /// <summary>
    /// Where the <c>token</c> verb stands in the arguments, or -1. Host options may come first: the project's
    /// RunArguments put <c>--environment Development --urls …</c> before what follows <c>dotnet run --</c>.
    /// </summary>
    public static int VerbIndex(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "token") return i;
            if (args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].Contains('=')) i++; // an option and its value
            else if (!args[i].StartsWith("--", StringComparison.Ordinal)) return -1;
        }
        return -1;
    }

    public static bool IsInvocation(string[] args) => VerbIndex(args) >= 0;

    public static int Run(string[] args, IConfiguration configuration, IHostEnvironment env, TextWriter stdout, TextWriter stderr)
    {
        string? org = null, subject = null;
        var roles = new List<string>();
        for (var i = VerbIndex(args) + 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--org": org = value; i++; break;
                case "--roles": roles.AddRange((value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); i++; break;
                case "--sub": subject = value; i++; break;
                default:
                    stderr.WriteLine($"unknown argument '{args[i]}'. Usage: token --org <code> --roles <Role,…> [--sub <subject>]");
                    return 2;
            }
        }
        if (string.IsNullOrWhiteSpace(org))
        {
            stderr.WriteLine("--org is required, e.g. --org GM0344 (a CBS code or an organisation code such as LIANDER)");
            return 2;
        }
        if (!Features.Organisations.ReferenceData.IsKnownOrganisation(org))
        {
            stderr.WriteLine($"unknown organisation '{org}'; see GET /api/v1/organisations for the registered codes");
            return 2;
        }
        if (roles.Count == 0) roles.Add(Roles.Reader);
        var unknown = roles.Where(r => Array.IndexOf(Roles.All, r) < 0).ToList();
        if (unknown.Count > 0)
        {
            stderr.WriteLine($"unknown role(s) {string.Join(", ", unknown)}; use {string.Join(", ", Roles.All)}");
            return 2;
        }
        var issuer = Authentication.LocalIssuer(configuration, env);
        if (issuer is null)
        {
            stderr.WriteLine("the local issuer is disabled in this environment; set DataHub__Auth__LocalIssuer__Enabled=true and a SigningKey");
            return 2;
        }
        stdout.WriteLine(Authentication.MintToken(issuer, org, roles, subject));
        return 0;
    }
}
