using System.CommandLine;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Geometry.Subspaces;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo angles A B</c>: principal angles between two subspaces, one per line, largest first.</summary>
internal static class AnglesCommand
{
    public static Command Create(CliContext context)
    {
        var first = new Argument<string>("A") { Description = "First matrix (CSV or .npy). Its columns span the subspace, or with --rows its rows are embeddings." };
        var second = new Argument<string>("B") { Description = "Second matrix, in the same layout." };
        var rows = new Option<bool>("--rows") { Description = "Rows are embedding vectors: compare the subspaces of their top right singular vectors (category subspaces)." };
        var k = new Option<int?>("--k") { Description = "With --rows: the subspace dimension (default: all of min(n, d))." };
        var variance = new Option<double?>("--variance") { Description = "With --rows: the least k whose singular values explain this fraction of Σσ² (0 < F ≤ 1)." };
        var center = new Option<bool>("--center") { Description = "With --rows: subtract the mean embedding first (PCA subspaces); the default is uncentred." };
        var degrees = new Option<bool>("--degrees") { Description = "Print degrees instead of radians." };
        var summary = new Option<bool>("--summary") { Description = "After the angles, print the largest, smallest and mean angle and the Grassmann geodesic distance." };
        var command = new Command("angles", "Principal angles between two subspaces (SciPy's subspace_angles semantics, accurate for tiny angles), largest first.")
        {
            first, second, rows, k, variance, center, degrees, summary,
        };
        command.SetAction((parse, _) => CommandRunner.Run(context, () =>
        {
            bool byRows = parse.GetValue(rows);
            int? rank = parse.GetValue(k);
            double? fraction = parse.GetValue(variance);
            bool centre = parse.GetValue(center);
            if (!byRows && (rank is not null || fraction is not null || centre))
            {
                throw new UsageException("--k, --variance and --center apply only with --rows (embeddings as rows).");
            }

            if (rank is not null && fraction is not null)
            {
                throw new UsageException("--k and --variance choose the subspace dimension in two ways; give one.");
            }

            if (rank < 1)
            {
                throw new UsageException($"--k {rank} must be at least 1.");
            }

            if (fraction is double f && !(f > 0 && f <= 1))
            {
                throw new UsageException($"--variance {f} must lie in (0, 1].");
            }

            string pathA = parse.GetValue(first)!;
            string pathB = parse.GetValue(second)!;
            var a = MatrixFile.Read(pathA);
            var b = MatrixFile.Read(pathB);
            double[] angles;
            if (byRows)
            {
                if (a.Columns != b.Columns)
                {
                    throw new InputException(pathB, 0, $"its embeddings have {b.Columns} dimensions but those of {pathA} have {a.Columns}.");
                }

                var subspaceA = Subspace(a, rank, fraction, centre);
                var subspaceB = Subspace(b, rank, fraction, centre);
                context.Error.WriteLine($"clipgeo: subspace dimensions {subspaceA.Rank} ({pathA}, explained {subspaceA.ExplainedVariance:P2}) and {subspaceB.Rank} ({pathB}, explained {subspaceB.ExplainedVariance:P2}).");
                angles = PrincipalAngles.Between(subspaceA, subspaceB);
            }
            else
            {
                if (a.Rows != b.Rows)
                {
                    throw new InputException(pathB, 0, $"it has {b.Rows} rows but {pathA} has {a.Rows}; the column spaces must live in the same dimension (use --rows if rows are vectors).");
                }

                angles = PrincipalAngles.Between(a.Values, a.Rows, a.Columns, b.Values, b.Columns);
            }

            if (angles.Length == 0)
            {
                throw new InputException(pathA, 0, "one of the subspaces has dimension 0 (an all-zero matrix?).");
            }

            bool inDegrees = parse.GetValue(degrees);
            double Scale(double x) => inDegrees ? PrincipalAngles.ToDegrees(x) : x;
            foreach (double angle in angles)
            {
                context.Out.WriteLine(DiagramFile.Format(Scale(angle)));
            }

            if (parse.GetValue(summary))
            {
                var s = PrincipalAngles.Summarize(angles);
                context.Out.WriteLine($"# largest {DiagramFile.Format(Scale(s.Largest))}");
                context.Out.WriteLine($"# smallest {DiagramFile.Format(Scale(s.Smallest))}");
                context.Out.WriteLine($"# mean {DiagramFile.Format(Scale(s.Mean))}");
                context.Out.WriteLine($"# grassmann {DiagramFile.Format(Scale(s.GrassmannDistance))}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static CategorySubspace Subspace(MatrixData data, int? rank, double? fraction, bool centre)
    {
        int limit = Math.Min(data.Rows, data.Columns);
        if (rank > limit)
        {
            throw new UsageException($"--k {rank} exceeds min(rows, columns) = {limit} of {data.Source}.");
        }

        try
        {
            return fraction is double f
                ? CategorySubspace.FromEmbeddingsByVariance(data.Values, data.Rows, data.Columns, f, centre)
                : CategorySubspace.FromEmbeddings(data.Values, data.Rows, data.Columns, rank ?? limit, centre);
        }
        catch (ArgumentException e)
        {
            throw new InputException(data.Source, 0, e.Message);
        }
    }
}
