namespace AppBuilder.Storage;

/// <summary>Whether a <see cref="CheckpointFileDiff"/> carries a line diff.</summary>
public enum CheckpointDiffContent
{
    /// <summary>Both sides are UTF-8 text; the unified diff is given.</summary>
    Text,

    /// <summary>A side is not UTF-8 text (or contains NUL bytes); only the sizes are given.</summary>
    Binary,

    /// <summary>A side is larger than the differ's limit; only the sizes are given ("too large to diff").</summary>
    TooLarge,
}
