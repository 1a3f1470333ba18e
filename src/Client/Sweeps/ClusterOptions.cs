using System.CommandLine;

namespace ClipGeometry.Client.Sweeps;

/// <summary>The options that name a cluster to join as a client (sweep, sweeps, status, results, cancel).</summary>
internal sealed class ClusterOptions
{
    public Option<string?> Clustering { get; } = new("--clustering")
    {
        Description = "Join a cluster instead of running in process: localhost (with --gateway-port) or redis (with --redis).",
        HelpName = "localhost|redis",
    };

    public Option<int?> GatewayPort { get; } = new("--gateway-port") { Description = "The gateway port of a localhost cluster's silo.", HelpName = "N" };

    public Option<string?> Redis { get; } = new("--redis") { Description = "The Redis server holding a cluster's membership.", HelpName = "HOST:PORT" };

    public Option<string> ClusterId { get; } = new("--cluster-id") { Description = "The cluster's id.", DefaultValueFactory = _ => "clipgeo", HelpName = "ID" };

    public Option<double> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to wait for the cluster's gateway before giving up.",
        DefaultValueFactory = _ => 10.0,
        HelpName = "S",
    };

    /// <summary>Adds the options to <paramref name="command"/>; <paramref name="required"/> for the commands that only talk to a cluster (no in-process mode).</summary>
    public void AddTo(Command command, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (required)
        {
            Clustering.Description = "The cluster to join (required): localhost (with --gateway-port) or redis (with --redis).";
        }

        command.Options.Add(Clustering);
        command.Options.Add(GatewayPort);
        command.Options.Add(Redis);
        command.Options.Add(ClusterId);
        command.Options.Add(ConnectTimeout);
    }

    public ClusterTarget? Read(ParseResult parse, bool required)
    {
        string? clustering = parse.GetValue(Clustering);
        if (clustering is null)
        {
            return required
                ? throw new Cli.UsageException("name the cluster: --clustering localhost --gateway-port N, or --clustering redis --redis HOST:PORT.")
                : null;
        }

        double timeout = parse.GetValue(ConnectTimeout);
        if (!(timeout > 0) || double.IsInfinity(timeout))
        {
            throw new Cli.UsageException($"--connect-timeout must be a positive number of seconds, not {timeout}.");
        }

        return clustering switch
        {
            "localhost" => new ClusterTarget(clustering, parse.GetValue(GatewayPort) is { } port and > 0 and < 65536
                ? port
                : throw new Cli.UsageException("--clustering localhost needs --gateway-port N (the silo's gateway port)."), null, parse.GetValue(ClusterId)!, TimeSpan.FromSeconds(timeout)),
            "redis" => new ClusterTarget(clustering, 0, parse.GetValue(Redis) ?? throw new Cli.UsageException("--clustering redis needs --redis HOST:PORT."),
                parse.GetValue(ClusterId)!, TimeSpan.FromSeconds(timeout)),
            _ => throw new Cli.UsageException($"--clustering must be localhost or redis, not '{clustering}'."),
        };
    }
}
