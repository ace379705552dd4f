namespace LxcForge.Core.Catalog.Services;

/// <summary>Home Assistant (the community script's Docker "HA Container"): nothing to configure beyond root. Check: 8123 answers.</summary>
public sealed class HomeAssistant() : WebUiService("homeassistant", 8123, "Home Assistant");
