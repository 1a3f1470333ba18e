using System.CommandLine;
using System.CommandLine.Parsing;

namespace ClipGeometry.Client.Cli;

/// <summary>
/// Checks System.CommandLine leaves to the commands, done once for all of them: an unknown <c>--option</c> taken as
/// a file or text argument is a usage error (a name starting with '-' stays reachable after <c>--</c>), and the
/// parser's own error text (which names .NET types) becomes one sentence naming the option and what it takes.
/// </summary>
internal static class CommandLineChecks
{
    /// <summary>One sentence per problem of <paramref name="parse"/>: its parse errors, then unknown options.</summary>
    public static IReadOnlyList<string> Problems(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        // An unknown option is the cause of any other error it brings (an argument pushed out of place), so it alone is reported.
        var unknown = UnknownOptions(parse).Distinct(StringComparer.Ordinal).ToList();
        return unknown.Count > 0 ? unknown : [.. parse.Errors.Select(Describe)];
    }

    /// <summary>Tokens before <c>--</c> that look like options but were bound to an argument of the command.</summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parse)
    {
        var positional = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                foreach (var argument in command.Children.OfType<ArgumentResult>())
                {
                    positional.UnionWith(argument.Tokens);
                }
            }
        }

        var unmatched = new HashSet<string>(parse.UnmatchedTokens, StringComparer.Ordinal);
        string commandName = CommandPath(parse.CommandResult);
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                yield break;
            }

            if (token.Type == TokenType.Argument && LooksLikeOption(token.Value) && (positional.Contains(token) || unmatched.Contains(token.Value)))
            {
                yield return $"unknown option '{token.Value}' for '{commandName}' (see '{commandName} --help'); " +
                    $"a file or text that starts with '-' goes after '--', as in '{commandName} -- {token.Value}'.";
            }
        }
    }

    private static bool LooksLikeOption(string value) =>
        value.Length > 1 && value[0] == '-' && !char.IsAsciiDigit(value[1]) && value[1] != '.';

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Parent is null ? "clipgeo" : c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Describe(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult o => o,
            ArgumentResult { Parent: OptionResult o } => o,
            _ => null,
        };
        if (option is not null && error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            string given = option.Tokens.Count > 0 ? option.Tokens[^1].Value : string.Empty;
            return $"{option.Option.Name} '{given}': not {Expected(option.Option.ValueType)}.";
        }

        if (error.SymbolResult is ArgumentResult { Parent: CommandResult } positional
            && error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            string given = positional.Tokens.Count > 0 ? positional.Tokens[^1].Value : string.Empty;
            return $"{positional.Argument.Name} '{given}': not {Expected(positional.Argument.ValueType)}.";
        }

        var command = error.SymbolResult switch
        {
            CommandResult c => c,
            ArgumentResult { Parent: CommandResult c } => c,
            _ => null,
        };
        if (command is not null && error.Message.StartsWith("Required argument missing", StringComparison.Ordinal))
        {
            string path = CommandPath(command);
            var missing = command.Command.Arguments.Where(a => !command.Children.OfType<ArgumentResult>().Any(r => r.Argument == a && r.Tokens.Count > 0)).Select(static a => a.Name).ToList();
            return $"'{path}' needs its {string.Join(' ', missing.DefaultIfEmpty("argument"))} (see '{path} --help').";
        }

        return error.Message;
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(double) || type == typeof(float))
        {
            return "a number (write it like 0.5 or 1e-3)";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "a whole number";
        }

        if (type == typeof(ulong) || type == typeof(uint))
        {
            return "a whole number from 0 up";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        return "a valid value";
    }
}
