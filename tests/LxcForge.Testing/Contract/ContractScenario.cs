namespace LxcForge.Testing.Contract;

/// <summary>
/// The names of the contract's scenarios. A backend that cannot do one lists it in
/// <see cref="ContainerHostContract.Exclusions"/> with the reason, and the scenario is reported as skipped.
/// </summary>
public static class ContractScenario
{
    public const string HostFacts = "host-facts";
    public const string CreateFromOsTemplate = "create-from-os-template";
    public const string CloneFull = "clone-full";
    public const string ConfigSetAndReadBack = "config-set-and-read-back";
    public const string StartStopShutdown = "start-stop-shutdown";
    public const string TemplateConversion = "template-conversion";
    public const string ResizeGrowAndRefuseShrink = "resize-grow-and-refuse-shrink";
    public const string Exec = "exec";
    public const string BackupListRestore = "backup-list-restore";
    public const string SnapshotRollback = "snapshot-rollback";
    public const string Destroy = "destroy";
    public const string MissingContainer = "missing-container";
    public const string LockedContainer = "locked-container";
    public const string DuplicateCtid = "duplicate-ctid";
    public const string BulkRead = "bulk-read";
}
