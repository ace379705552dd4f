using LxcForge.Core.Hosting;
using LxcForge.Lxc.Templates;

namespace LxcForge.Lxc;

/// <summary>OS templates: tarballs in a storage's <c>template/cache</c>; "downloading" one builds it with debootstrap.</summary>
public sealed partial class LxcHost
{
    public Task<IReadOnlyList<OsTemplateInfo>> GetOsTemplatesAsync(string node, string storage, CancellationToken cancellationToken = default)
    {
        RequireNode(node);
        _layout.RequireStorage(storage);
        var dir = _layout.OsTemplateDir(storage);
        IReadOnlyList<OsTemplateInfo> list = Directory.Exists(dir)
            ? Directory
                .GetFiles(dir)
                .Where(f =>
                    f.EndsWith(".tar.zst", StringComparison.Ordinal)
                    || f.EndsWith(".tar.gz", StringComparison.Ordinal)
                    || f.EndsWith(".tar.xz", StringComparison.Ordinal)
                )
                .Order(StringComparer.Ordinal)
                .Select(f => new OsTemplateInfo($"{storage}:vztmpl/{Path.GetFileName(f)}", Path.GetFileName(f), new FileInfo(f).Length))
                .ToList()
            : [];
        return Task.FromResult(list);
    }

    public Task<IReadOnlyList<string>> GetAvailableOsTemplatesAsync(string node, CancellationToken cancellationToken = default)
    {
        RequireNode(node);
        return Task.FromResult(Capabilities.OsTemplateDownload ? DebootstrapBuilder.Available : []);
    }

    public async Task<TaskOutcome> DownloadOsTemplateAsync(string node, string storage, string template, CancellationToken cancellationToken = default)
    {
        RequireNode(node);
        _layout.RequireStorage(storage);
        if (!Capabilities.OsTemplateDownload)
            throw new HostException(HostErrorKind.Unsupported, "debootstrap is not installed (apt-get install debootstrap), so no OS template can be built");
        var name = Path.GetFileName(template);
        var suite = DebootstrapBuilder.SuiteFor(name) ?? throw DebootstrapBuilder.UnknownTemplate(name);
        var output = Path.Combine(_layout.OsTemplateDir(storage), name);
        if (File.Exists(output))
            return new TaskOutcome(null, [$"{name} is already on storage '{storage}'"]);
        await DebootstrapBuilder.BuildAsync(suite, [], output, _options.DebootstrapMirror, cancellationToken);
        return TaskOutcome.None;
    }
}
