namespace LxcForge.Simulator.Engine.Api;

/// <summary>The API routes the simulator serves (every one exists in Proxmox's schema with that method).</summary>
internal static class Routes
{
    private const string Ct = "/nodes/{node}/lxc/{vmid}";

    public static ApiRouter Build() => new ApiRouter()
        .Map("GET", "/version", ClusterRoutes.GetVersion)
        .Map("GET", "/nodes", ClusterRoutes.Nodes)
        .Map("GET", "/nodes/{node}", ClusterRoutes.NodeIndex)
        .Map("GET", "/nodes/{node}/status", ClusterRoutes.NodeStatus)
        .Map("GET", "/nodes/{node}/version", ClusterRoutes.NodeVersion)
        .Map("GET", "/cluster/resources", ClusterRoutes.Resources)
        .Map("GET", "/cluster/nextid", ClusterRoutes.NextId)
        .Map("GET", "/nodes/{node}/network", NetworkRoutes.List)
        .Map("GET", "/nodes/{node}/lxc", ContainerRoutes.List)
        .Map("POST", "/nodes/{node}/lxc", ContainerRoutes.Create)
        .Map("GET", Ct, ContainerRoutes.Index)
        .Map("DELETE", Ct, ContainerRoutes.Destroy)
        .Map("GET", Ct + "/config", ConfigRoutes.Get)
        .Map("PUT", Ct + "/config", ConfigRoutes.Put)
        .Map("GET", Ct + "/pending", ConfigRoutes.Pending)
        .Map("GET", Ct + "/status", StatusRoutes.Index)
        .Map("GET", Ct + "/status/current", StatusRoutes.Current)
        .Map("POST", Ct + "/status/start", StatusRoutes.Start)
        .Map("POST", Ct + "/status/stop", StatusRoutes.Stop)
        .Map("POST", Ct + "/status/shutdown", StatusRoutes.Shutdown)
        .Map("POST", Ct + "/status/reboot", StatusRoutes.Reboot)
        .Map("POST", Ct + "/clone", CloneRoutes.Clone)
        .Map("POST", Ct + "/template", CloneRoutes.Template)
        .Map("PUT", Ct + "/resize", ResizeRoutes.Resize)
        .Map("GET", Ct + "/snapshot", SnapshotRoutes.List)
        .Map("POST", Ct + "/snapshot", SnapshotRoutes.Create)
        .Map("DELETE", Ct + "/snapshot/{snapname}", SnapshotRoutes.Delete)
        .Map("GET", Ct + "/snapshot/{snapname}/config", SnapshotRoutes.Config)
        .Map("POST", Ct + "/snapshot/{snapname}/rollback", SnapshotRoutes.Rollback)
        .Map("POST", "/nodes/{node}/vzdump", BackupRoutes.Vzdump)
        .Map("GET", "/nodes/{node}/storage", StorageRoutes.List)
        .Map("GET", "/nodes/{node}/storage/{storage}/status", StorageRoutes.Status)
        .Map("GET", "/nodes/{node}/storage/{storage}/content", StorageRoutes.Content)
        .Map("GET", "/nodes/{node}/storage/{storage}/content/{volume}", StorageRoutes.VolumeInfo)
        .Map("DELETE", "/nodes/{node}/storage/{storage}/content/{volume}", StorageRoutes.DeleteContent)
        .Map("GET", "/nodes/{node}/aplinfo", StorageRoutes.AplInfo)
        .Map("POST", "/nodes/{node}/aplinfo", StorageRoutes.Download)
        .Map("GET", "/nodes/{node}/tasks", TaskRoutes.List)
        .Map("GET", "/nodes/{node}/tasks/{upid}/status", TaskRoutes.Status)
        .Map("GET", "/nodes/{node}/tasks/{upid}/log", TaskRoutes.Log);
}
