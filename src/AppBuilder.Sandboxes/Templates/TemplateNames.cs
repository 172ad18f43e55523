namespace AppBuilder.Sandboxes;

/// <summary>Names of the templates shipped with AppBuilder.</summary>
public static class TemplateNames
{
    /// <summary>React 19 + Vite 8 + TypeScript + Tailwind 4, with a lockfile.</summary>
    public const string ReactViteTailwind = "react-vite-tailwind";
}
