using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace ClipGeometry.Silo;

/// <summary>
/// Reads <see cref="SiloOptions"/>: <c>appsettings.json</c> in the working directory, then environment
/// variables <c>CLIPGEO_*</c> (e.g. <c>CLIPGEO_REDIS</c>, <c>CLIPGEO_SILOPORT</c>,
/// <c>CLIPGEO_MEMBERSHIP__PROBETIMEOUT</c>), then the command line, each overriding the one before.
/// </summary>
public static class SiloOptionsReader
{
    /// <summary>The environment variable prefix.</summary>
    public const string EnvironmentPrefix = "CLIPGEO_";

    // Command-line option → configuration key; null key: a switch without a value.
    private static readonly Dictionary<string, (string Key, bool TakesValue)> Options = new(StringComparer.Ordinal)
    {
        ["--clustering"] = ("Clustering", true),
        ["--redis"] = ("Redis", true),
        ["--cluster-id"] = ("ClusterId", true),
        ["--silo-port"] = ("SiloPort", true),
        ["--gateway-port"] = ("GatewayPort", true),
        ["--advertise"] = ("Advertise", true),
        ["--store"] = ("Store", true),
        ["--devices"] = ("Devices", true),
        ["--advertise-gpus"] = ("AdvertiseGpus", true),
        ["--otlp-endpoint"] = ("OtlpEndpoint", true),
        ["--prometheus-port"] = ("PrometheusPort", true),
        ["--fast-membership"] = ("FastMembership", false),
        ["--help"] = ("Help", false),
        ["-h"] = ("Help", false),
    };

    /// <summary>Builds the layered configuration (appsettings, environment, command line).</summary>
    /// <exception cref="SiloUsageException">An unknown option, or an option without its value.</exception>
    public static IConfigurationRoot BuildConfiguration(IReadOnlyList<string> args, string? appSettingsDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var commandLine = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }
            if (!Options.TryGetValue(arg, out var option))
            {
                throw new SiloUsageException(arg.StartsWith('-')
                    ? $"Unknown option '{arg}'; see clipgeo-silo --help."
                    : $"Unexpected argument '{arg}': clipgeo-silo takes only options; see clipgeo-silo --help.");
            }
            if (!option.TakesValue)
            {
                commandLine[option.Key] = "true";
                continue;
            }
            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
            if (string.IsNullOrWhiteSpace(value) || (inlineValue is null && value.StartsWith("--", StringComparison.Ordinal)))
            {
                throw new SiloUsageException($"Option {arg} needs a value; see clipgeo-silo --help.");
            }
            commandLine[option.Key] = value;
        }
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(appSettingsDirectory ?? Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(commandLine)
            .Build();
    }

    /// <summary>Validates the configuration into options.</summary>
    /// <exception cref="SiloUsageException">A value is malformed or out of range; the message names it.</exception>
    public static SiloOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (Flag(configuration, "Help", "--help"))
        {
            return new SiloOptions { ShowHelp = true };
        }
        var clustering = (configuration["Clustering"] ?? "localhost").Trim().ToLowerInvariant() switch
        {
            "localhost" => ClusteringKind.Localhost,
            "redis" => ClusteringKind.Redis,
            var other => throw new SiloUsageException($"--clustering must be localhost or redis, not '{other}'."),
        };
        var redis = configuration["Redis"];
        if (clustering == ClusteringKind.Redis)
        {
            if (string.IsNullOrWhiteSpace(redis))
            {
                throw new SiloUsageException("--clustering redis needs --redis HOST:PORT (or CLIPGEO_REDIS).");
            }
            ValidateHostPort(redis);
        }
        var clusterId = configuration["ClusterId"] ?? "clipgeo";
        if (string.IsNullOrWhiteSpace(clusterId) || clusterId.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            throw new SiloUsageException($"--cluster-id '{clusterId}' must be non-empty, without spaces or '/'.");
        }
        var advertiseText = configuration["Advertise"];
        var advertise = IPAddress.Loopback;
        if (!string.IsNullOrWhiteSpace(advertiseText) && !IPAddress.TryParse(advertiseText, out advertise!))
        {
            throw new SiloUsageException($"--advertise must be an IP address of this machine, not '{advertiseText}'.");
        }
        var otlpText = configuration["OtlpEndpoint"];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(otlpText)
            && (!Uri.TryCreate(otlpText, UriKind.Absolute, out otlp) || (otlp.Scheme != "http" && otlp.Scheme != "https")))
        {
            throw new SiloUsageException($"--otlp-endpoint must be an http(s) URL such as http://localhost:4317, not '{otlpText}'.");
        }
        var devices = configuration["Devices"] ?? "auto";
        var deviceValue = devices.Trim().ToLowerInvariant();
        if (deviceValue != "auto" && deviceValue != "cpu" && !deviceValue.StartsWith("cuda:", StringComparison.Ordinal))
        {
            throw new SiloUsageException($"--devices must be auto, cpu or cuda:N[,N...], not '{devices}'.");
        }
        var siloPort = Port(configuration, "SiloPort", "--silo-port") ?? 11111;
        var gatewayPort = Port(configuration, "GatewayPort", "--gateway-port") ?? 30000;
        if (siloPort == gatewayPort)
        {
            throw new SiloUsageException($"--silo-port and --gateway-port are both {siloPort}; they must differ.");
        }
        var prometheusPort = Port(configuration, "PrometheusPort", "--prometheus-port");
        if (prometheusPort == siloPort || prometheusPort == gatewayPort)
        {
            throw new SiloUsageException($"--prometheus-port {prometheusPort} is already the silo or gateway port.");
        }
        var store = configuration["Store"];
        if (store is not null && string.IsNullOrWhiteSpace(store))
        {
            throw new SiloUsageException("--store needs a directory.");
        }
        return new SiloOptions
        {
            Clustering = clustering,
            Redis = redis,
            ClusterId = clusterId,
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            Advertise = advertise,
            Store = store is null ? null : Path.GetFullPath(store),
            Devices = devices,
            AdvertiseGpus = Count(configuration, "AdvertiseGpus", "--advertise-gpus"),
            OtlpEndpoint = otlp,
            PrometheusPort = prometheusPort,
            FastMembership = Flag(configuration, "FastMembership", "--fast-membership"),
        };
    }

    /// <summary>Splits and checks a <c>HOST:PORT</c> Redis endpoint.</summary>
    public static (string Host, int Port) ValidateHostPort(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || colon == endpoint.Length - 1
            || !int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new SiloUsageException($"--redis must be HOST:PORT with a port from 1 to 65535, not '{endpoint}'.");
        }
        return (endpoint[..colon], port);
    }

    private static int? Port(IConfiguration configuration, string key, string option)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new SiloUsageException($"{option} must be a port from 1 to 65535, not '{text}'.");
        }
        return port;
    }

    private static int Count(IConfiguration configuration, string key, string option)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 64)
        {
            throw new SiloUsageException($"{option} must be a whole number from 0 to 64, not '{text}'.");
        }
        return count;
    }

    private static bool Flag(IConfiguration configuration, string key, string option)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        return bool.TryParse(text, out var value)
            ? value
            : text == "1" || (text == "0" ? false : throw new SiloUsageException($"{option} must be true or false, not '{text}'."));
    }
}
