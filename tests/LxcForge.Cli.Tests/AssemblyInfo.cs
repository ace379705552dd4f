// Real-container and server tests share machine resources (bridges, ports, sandboxes): run test classes one at a time per assembly.
[assembly: CollectionBehavior(DisableTestParallelization = false, MaxParallelThreads = 2)]
