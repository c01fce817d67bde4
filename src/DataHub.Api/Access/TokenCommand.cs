namespace DataHub.Api.Access;

/// <summary>
/// <c>dotnet run --project src/DataHub.Api -- token --org GM0344 --roles Submitter,Reader</c>: prints a bearer token
/// of the local issuer on one line. Exit code 2 with a message on stderr for bad arguments.
/// </summary>
public static class TokenCommand
{
    public static bool IsInvocation(string[] args) => args.Length > 0 && args[0] == "token";

    public static int Run(string[] args, IConfiguration configuration, IHostEnvironment env, TextWriter stdout, TextWriter stderr)
    {
        string? org = null, subject = null;
        var roles = new List<string>();
        for (var i = 1; i < args.Length; i++)
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
