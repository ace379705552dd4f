namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// A service LxcForge knows by name: what builds its template and where it lives (<see cref="Definition"/>)
/// together with how it is configured and checked. A concrete subclass with a parameterless constructor in
/// this assembly is registered by <see cref="ServiceRegistry"/> on its own: adding a service is adding a file.
/// </summary>
public abstract class BuiltInService : ServiceRecipe
{
    /// <summary>The community script, its defaults and questions, and the service's placement in the fleet.</summary>
    public abstract ServiceDefinition Definition { get; }

    public sealed override string Key => Definition.Key;
}
