namespace LxcForge.Core.Catalog.Services;

/// <summary>Nginx Proxy Manager: nothing to configure beyond root. Check: the admin UI on port 81 answers.</summary>
public sealed class NginxProxyManager() : WebUiService("nginxproxymanager", 81, "the admin UI");
