namespace ClipGeometry.Client.Sweeps;

/// <summary>A cluster to join as a client.</summary>
/// <param name="Clustering"><c>localhost</c> or <c>redis</c>.</param>
/// <param name="GatewayPort">The gateway port (localhost).</param>
/// <param name="Redis">HOST:PORT of the Redis server (redis).</param>
/// <param name="ClusterId">The cluster's id.</param>
/// <param name="ConnectTimeout">How long to wait for a gateway.</param>
internal sealed record ClusterTarget(string Clustering, int GatewayPort, string? Redis, string ClusterId, TimeSpan ConnectTimeout);
