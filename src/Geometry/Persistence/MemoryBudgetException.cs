namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// A persistence computation whose estimated memory exceeds the budget, refused before it starts. The message says
/// what was needed and how to need less, in the library's terms; a front end names its own options.
/// </summary>
public sealed class MemoryBudgetException : InvalidOperationException
{
    /// <summary>Creates the exception for an estimate over a budget.</summary>
    public MemoryBudgetException(string requirement, long estimateBytes, long budgetBytes)
        : base(requirement + " Lower the threshold, subsample with a greedy permutation, lower the homology dimension, or raise the memory budget if the memory is there.")
    {
        Requirement = requirement;
        EstimateBytes = estimateBytes;
        BudgetBytes = budgetBytes;
    }

    /// <summary>Creates the exception.</summary>
    public MemoryBudgetException()
    {
        Requirement = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public MemoryBudgetException(string message)
        : base(message)
    {
        Requirement = message;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MemoryBudgetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Requirement = message;
    }

    /// <summary>What the computation would need and the budget it exceeds, without advice.</summary>
    public string Requirement { get; }

    /// <summary>The estimate, in bytes (an upper bound).</summary>
    public long EstimateBytes { get; }

    /// <summary>The budget, in bytes.</summary>
    public long BudgetBytes { get; }
}
