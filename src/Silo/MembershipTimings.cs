using Orleans.Configuration;

namespace ClipGeometry.Silo;

/// <summary>
/// Fast failure detection for tests and local clusters: a killed silo is declared dead in about a second
/// (defaults: about 11 s), a hung one in a few seconds. Settings under <c>Membership</c> in appsettings or
/// <c>CLIPGEO_MEMBERSHIP__*</c> override these and the defaults alike.
/// </summary>
public static class MembershipTimings
{
    /// <summary>Applies the fast timings.</summary>
    public static void ApplyFast(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.MinProbeTimeout = TimeSpan.FromMilliseconds(500);
        options.MaxProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
    }

    /// <summary>How often a client re-reads the gateway list with fast timings (default one minute).</summary>
    public static readonly TimeSpan FastGatewayListRefreshPeriod = TimeSpan.FromSeconds(1);
}
