using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;

namespace LxcForge.Cli.Commands.Templates;

/// <summary><c>lxcforge templates lock</c>: fetch the pinned ref's files anew and record their SHA-256 on purpose.</summary>
public sealed class TemplatesLockCommand(CliConsole io) : HostCommand<HostSettings>(io)
{
    protected override bool UsesState => false;

    protected override async Task<int> RunOnHostAsync(HostSettings settings, CancellationToken cancellationToken)
    {
        var spec = Spec;
        var supply = TemplateScripts.Supply(Connection, spec, Io, Output.Note);
        var scriptLock = await supply.LockAsync(TemplateScripts.AllFiles(spec.Spec), cancellationToken);
        var file = TemplateScripts.LockFile(Connection, spec, Io);
        Output.Result(
            new
            {
                File = file,
                scriptLock.Repository,
                scriptLock.Ref,
                Files = scriptLock.Sha256ByPath,
            },
            o => o.Line($"pinned {scriptLock.Sha256ByPath.Count} files of {scriptLock.Repository}@{scriptLock.Ref} in {file}")
        );
        return ExitCodes.Ok;
    }
}
