using LxcForge.Core.Planning;

namespace LxcForge.Core.Catalog.Services;

/// <summary>The recipe for each catalogue key, and the recipe that applies to a desired container.</summary>
public static class ServiceRecipes
{
    public static IReadOnlyList<ServiceRecipe> All { get; } =
        [new PostgreSql(), new Redis(), new Nextcloud(), new Gitea(), new HomeAssistant(), new Grafana(), new Prometheus(), new NginxProxyManager(), new Docker()];

    public static ServiceRecipe? Find(string key) => All.FirstOrDefault(r => r.Key == key);

    /// <summary>The container's recipe: its <c>custom:</c> block, else its catalogue entry; null when neither exists.</summary>
    public static ServiceRecipe? For(DesiredContainer container) =>
        container.Service.Custom is { } custom ? new CustomService(container.Service.Name, custom)
        : container.CatalogKey is { } key ? Find(key)
        : null;
}
