using System.Reflection;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Planning;

namespace LxcForge.Core.Catalog;

/// <summary>
/// Every built-in service, found once: each concrete <see cref="BuiltInService"/> of this assembly, ordered by
/// its template CTID. The default fleet, <c>init</c>, <c>demo</c>, validation and help derive from this list.
/// </summary>
public static class ServiceRegistry
{
    private static readonly Lazy<IReadOnlyList<BuiltInService>> Services = new(Discover);

    public static IReadOnlyList<BuiltInService> All => Services.Value;

    /// <summary>The built-in service named <paramref name="key"/> (<c>postgresql</c>…), or null.</summary>
    public static BuiltInService? Find(string key) => All.FirstOrDefault(s => s.Key == key);

    /// <summary>The built-in services' keys, in order, for messages and help.</summary>
    public static IReadOnlyList<string> Keys => All.Select(s => s.Key).ToList();

    /// <summary>The container's recipe: its <c>custom:</c> block, else its built-in service; null when neither exists.</summary>
    public static ServiceRecipe? For(DesiredContainer container) =>
        container.Service.Custom is { } custom ? new CustomService(container.Service.Name, custom)
        : container.CatalogKey is { } key ? Find(key)
        : null;

    private static IReadOnlyList<BuiltInService> Discover()
    {
        var services = typeof(BuiltInService)
            .Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(BuiltInService).IsAssignableFrom(t))
            .Select(Create)
            .OrderBy(s => s.Definition.TemplateCtid)
            .ToList();
        // Two services with one key or one placement would silently shadow each other; fail loudly instead.
        foreach (
            var clash in new (string What, Func<ServiceDefinition, object> Of)[]
            {
                ("key", d => d.Key),
                ("template CTID", d => d.TemplateCtid),
                ("service CTID", d => d.ServiceCtid),
                ("IP", d => d.ServiceIp),
                ("hostname", d => d.ServiceHostname),
            }
        )
        {
            if (services.GroupBy(s => clash.Of(s.Definition)).FirstOrDefault(g => g.Count() > 1) is { } group)
                throw new InvalidOperationException(
                    $"built-in services {string.Join(" and ", group.Select(s => s.GetType().Name))} share the {clash.What} {group.Key}"
                );
        }

        return services;
    }

    private static BuiltInService Create(Type type) =>
        type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is { } constructor
            ? (BuiltInService)constructor.Invoke(null)
            : throw new InvalidOperationException($"built-in service {type.Name} needs a public parameterless constructor");
}
