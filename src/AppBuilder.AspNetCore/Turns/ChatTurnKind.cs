namespace AppBuilder.AspNetCore.Turns;

/// <summary>Who started a chat turn (camelCase on the wire, as <c>kind</c> of the user's <c>message_added</c>).</summary>
internal enum ChatTurnKind
{
    /// <summary>A person sent a message.</summary>
    User,

    /// <summary>A fix turn the person asked for with "Fix it".</summary>
    Fix,

    /// <summary>An automatic fix turn (<see cref="AppBuilderAutoFixOptions.Enabled"/>).</summary>
    AutoFix,
}
