namespace AppBuilder.Storage;

/// <summary>A project's status.</summary>
public enum ProjectStatus
{
    /// <summary>In use.</summary>
    Active,

    /// <summary>Deployed at least once.</summary>
    Deployed,

    /// <summary>Archived by its owner.</summary>
    Archived,
}
