namespace ClipGeometry.Silo;

/// <summary>The text of <c>clipgeo-silo --help</c>.</summary>
public static class SiloHelp
{
    /// <summary>The usage text.</summary>
    public const string Text = """
        clipgeo-silo: one Orleans silo of a ClipGeometry cluster (embedding workers, topology, the coordinator).

        Usage: clipgeo-silo [options]

        Options (each also read from CLIPGEO_NAME environment variables, e.g. CLIPGEO_REDIS, or appsettings.json):
          --clustering localhost|redis  how silos find each other (default localhost: one silo, state in memory)
          --redis HOST:PORT             Redis for membership, grain state and reminders (with --clustering redis)
          --cluster-id ID               silos and clients with the same id form one cluster (default clipgeo)
          --silo-port N                 silo-to-silo port (default 11111)
          --gateway-port N              client gateway port (default 30000)
          --advertise ADDRESS           IP address to listen on and advertise (default 127.0.0.1); beyond loopback
                                        the gateway is unauthenticated until TLS is configured
          --store DIR                   artifact store shared by every silo (embeddings, diagrams)
          --devices auto|cpu|cuda:0,1   GPUs for embedding workers (default auto: every CUDA device found)
          --otlp-endpoint URL           export traces and metrics over OTLP (e.g. http://localhost:4317)
          --prometheus-port N           serve metrics at http://HOST:N/metrics (series clipgeo_*, orleans_*)
          --fast-membership             declare a dead silo in about a second (tests, local clusters)
          --advertise-gpus N            testing: advertise N simulated GPUs instead of probing CUDA
          -h, --help                    show this help

        Membership timings can also be set one by one under Membership (appsettings.json) or
        CLIPGEO_MEMBERSHIP__PROBETIMEOUT=00:00:01 and the like (ProbeTimeout, NumMissedProbesLimit,
        NumVotesForDeathDeclaration, TableRefreshTimeout, IAmAliveTablePublishTimeout, MinProbeTimeout,
        MaxProbeTimeout).

        Exit codes: 0 stopped cleanly, 1 the silo failed (Redis unreachable, port in use), 2 bad option.
        """;
}
