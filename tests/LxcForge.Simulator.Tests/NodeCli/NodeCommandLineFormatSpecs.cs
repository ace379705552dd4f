using LxcForge.Simulator.NodeCli;

namespace LxcForge.Simulator.Tests.NodeCli;

/// <summary>The printed formats and exit rules, against scripted API answers (the engine specs cover behaviour).</summary>
public class NodeCommandLineFormatSpecs
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private readonly StubPveApi api = new();
    private readonly StubExec exec = new(new SimExecResult(3, "out\n", "err\n"));

    private Task<CommandResult> Run(string tool, params string[] arguments) =>
        new NodeCommandLine(api, exec).RunAsync("pve", tool, arguments, null, NoEnvironment);

    [Fact]
    public async Task Pct_list_prints_nothing_at_all_without_containers()
    {
        // Arrange
        api.On("GET", "/nodes/pve/lxc", "[]");

        // Act
        var result = await Run("pct", "list");

        // Assert
        result.Should().Be(new CommandResult(0, "", ""));
    }

    [Fact]
    public async Task Pct_list_prints_fixed_columns_sorted_by_vmid_with_trailing_spaces()
    {
        // Arrange
        api.On(
            "GET",
            "/nodes/pve/lxc",
            """
            [{"vmid":900,"status":"stopped","lock":"disk","name":"tpl-postgres","template":1},
             {"vmid":200,"status":"running","name":"postgres"}]
            """
        );

        // Act
        var result = await Run("pct", "list");

        // Assert
        result
            .StandardOutput.Should()
            .Be(
                "VMID       Status     Lock         Name                \n"
                    + "200        running                 postgres            \n"
                    + "900        stopped    disk         tpl-postgres        \n"
            );
    }

    [Fact]
    public async Task Pct_config_sorts_keys_drops_the_digest_escapes_the_description_and_ends_with_raw_lxc_lines()
    {
        // Arrange
        api.On(
            "GET",
            "/nodes/pve/lxc/200/config",
            """
            {"digest":"abc","memory":2048,"hostname":"postgres","description":"owner: lxcforge\nline 2","template":1,
             "lxc":[["lxc.apparmor.profile","unconfined"]],"arch":"amd64"}
            """
        );

        // Act
        var result = await Run("pct", "config", "200");

        // Assert
        result
            .StandardOutput.Should()
            .Be(
                "arch: amd64\n"
                    + "description: owner%3A lxcforge%0Aline 2\n"
                    + "hostname: postgres\n"
                    + "memory: 2048\n"
                    + "template: 1\n"
                    + "lxc.apparmor.profile: unconfined\n"
            );
    }

    [Fact]
    public async Task Pvesm_status_pads_names_to_the_longest_id_and_prints_kib()
    {
        // Arrange
        api.On(
            "GET",
            "/nodes/pve/storage",
            """
            [{"storage":"local-lvm","type":"lvmthin","active":1,"enabled":1,"total":374538764288,"used":53597423616,"avail":320941340672},
             {"storage":"local","type":"dir","active":1,"enabled":1,"total":100861726720,"used":12641255424,"avail":88220471296},
             {"storage":"off","type":"dir","active":0,"enabled":0}]
            """
        );

        // Act
        var result = await Run("pvesm", "status");

        // Assert
        result
            .StandardOutput.Should()
            .Be(
                "Name             Type     Status     Total (KiB)      Used (KiB) Available (KiB)        %\n"
                    + "local             dir     active        98497780        12344976        86152804   12.53%\n"
                    + "local-lvm     lvmthin     active       365760512        52341234       313419278   14.31%\n"
                    + "off               dir   disabled               0               0               0      N/A\n"
            );
    }

    [Fact]
    public async Task A_worker_prints_its_log_without_the_final_status_line_and_exits_0()
    {
        // Arrange
        var upid = api.FinishedTask(
            "vzclone",
            "900",
            "OK",
            "create full clone of mountpoint rootfs (local-hdd:900/base-900-disk-0.raw)",
            "Logical volume \"vm-200-disk-0\" created."
        );
        api.On("POST", "/nodes/pve/lxc/900/clone", _ => upid);

        // Act
        var result = await Run("pct", "clone", "900", "200", "--full", "--storage", "local-lvm", "--hostname", "postgres");

        // Assert
        result.ExitCode.Should().Be(0);
        result
            .StandardOutput.Should()
            .Be("create full clone of mountpoint rootfs (local-hdd:900/base-900-disk-0.raw)\nLogical volume \"vm-200-disk-0\" created.\n");
        result.StandardError.Should().BeEmpty();
        var call = api.Calls.Single(c => c.Method == "POST");
        call.Parameters.Should()
            .BeEquivalentTo(
                new Dictionary<string, string>
                {
                    ["newid"] = "200",
                    ["full"] = "1",
                    ["storage"] = "local-lvm",
                    ["hostname"] = "postgres",
                }
            );
    }

    [Fact]
    public async Task A_failed_worker_prints_its_error_to_stderr_and_exits_255()
    {
        // Arrange
        var upid = api.FinishedTask("vzstart", "200", "startup for container '200' failed");
        api.On("POST", "/nodes/pve/lxc/200/status/start", _ => upid);

        // Act
        var result = await Run("pct", "start", "200");

        // Assert
        result.Should().Be(new CommandResult(255, "", "startup for container '200' failed\n"));
    }

    [Fact]
    public async Task A_worker_with_warnings_exits_0_and_says_how_many()
    {
        // Arrange
        var upid = api.FinishedTask("vzdump", "200", "WARNINGS: 2", "INFO: starting new backup job");
        api.On("POST", "/nodes/pve/vzdump", _ => upid);

        // Act
        var result = await Run("vzdump", "200", "--storage", "local", "--mode", "stop");

        // Assert
        result.Should().Be(new CommandResult(0, "INFO: starting new backup job\n", "Task finished with 2 warning(s)!\n"));
    }

    [Fact]
    public async Task Pct_resize_exits_0_even_when_its_task_fails()
    {
        // Arrange
        var upid = api.FinishedTask("resize", "200", "unable to resize volume");
        api.On("PUT", "/nodes/pve/lxc/200/resize", _ => upid);

        // Act
        var result = await Run("pct", "resize", "200", "rootfs", "+2G");

        // Assert
        result.Should().Be(new CommandResult(0, "", "unable to resize volume\n"));
    }

    [Fact]
    public async Task A_check_that_fails_before_the_worker_prints_the_message_and_exits_255()
    {
        // Arrange
        api.On("POST", "/nodes/pve/lxc/900/clone", _ => throw new PveApiException(500, "CT is locked (disk)"));

        // Act
        var result = await Run("pct", "clone", "900", "201");

        // Assert
        result.Should().Be(new CommandResult(255, "", "CT is locked (disk)\n"));
    }

    [Fact]
    public async Task A_parameter_error_from_the_api_prints_each_parameter_and_the_usage()
    {
        // Arrange
        api.On("POST", "/nodes/pve/lxc/900/clone", _ => throw PveApiException.ParameterError("storage", "parameter 'storage' not allowed for linked clones"));

        // Act
        var result = await Run("pct", "clone", "900", "201", "--storage", "local-lvm");

        // Assert
        result
            .Should()
            .Be(
                new CommandResult(
                    255,
                    "",
                    "400 Parameter verification failed.\nstorage: parameter 'storage' not allowed for linked clones\npct clone <vmid> <newid> [OPTIONS]\n"
                )
            );
    }

    [Fact]
    public async Task An_unknown_option_prints_getopts_warning_and_the_usage()
    {
        // Act
        var result = await Run("pct", "start", "200", "--bogus");

        // Assert
        result.Should().Be(new CommandResult(255, "", "Unknown option: bogus\n400 unable to parse option\npct start <vmid> [OPTIONS]\n"));
        api.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_subcommand_prints_the_command_list()
    {
        // Act
        var result = await Run("pct", "frobnicate");

        // Assert
        result.ExitCode.Should().Be(255);
        result
            .StandardError.Should()
            .StartWith("ERROR: unknown command 'pct frobnicate'\nUSAGE: pct <COMMAND> [ARGS] [OPTIONS]\n")
            .And.Contain("       pct clone <vmid> <newid> [OPTIONS]\n");
    }

    [Fact]
    public async Task Pct_exec_refuses_a_stopped_container()
    {
        // Arrange
        api.On("GET", "/nodes/pve/lxc/200/status/current", """{"status":"stopped","vmid":200}""");

        // Act
        var result = await Run("pct", "exec", "200", "--", "true");

        // Assert
        result.Should().Be(new CommandResult(255, "", "container '200' not running!\n"));
        exec.ExecHistory(200).Should().BeEmpty();
    }

    [Fact]
    public async Task Pct_exec_passes_stdin_environment_and_exit_code_through_without_the_ssl_variables()
    {
        // Arrange
        api.On("GET", "/nodes/pve/lxc/200/status/current", """{"status":"running","vmid":200}""");
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin",
            ["DB_PASSWORD_FILE"] = "/run/x",
            ["SSL_CERT_FILE"] = "/etc/ssl/x.pem",
            ["SSL_CERT_DIR"] = "/etc/ssl",
        };

        // Act
        var result = await new NodeCommandLine(api, exec).RunAsync(
            "pve",
            "pct",
            ["exec", "200", "--", "sh", "-c", "cat > /etc/app.conf"],
            "key=value\n",
            environment
        );

        // Assert
        result.Should().Be(new CommandResult(3, "out\n", "err\n"));
        var record = exec.ExecHistory(200).Single();
        record.Command.Should().Equal("sh", "-c", "cat > /etc/app.conf");
        record.StandardInput.Should().Be("key=value\n");
        record
            .Environment.Should()
            .BeEquivalentTo(
                new Dictionary<string, string>
                {
                    ["PATH"] = "/usr/bin",
                    ["DB_PASSWORD_FILE"] = "/run/x",
                    ["container"] = "lxc",
                }
            );
    }

    [Fact]
    public async Task Lxc_attach_with_clear_env_passes_only_the_default_path_and_set_variables()
    {
        // Arrange
        api.On("GET", "/nodes/pve/lxc/200/status/current", """{"status":"running","vmid":200}""");
        var environment = new Dictionary<string, string> { ["HOME"] = "/root" };

        // Act
        var result = await new NodeCommandLine(api, exec).RunAsync(
            "pve",
            "lxc-attach",
            ["-n", "200", "--clear-env", "-v", "LANG=C", "--", "bash", "-c", "id"],
            null,
            environment
        );

        // Assert
        result.ExitCode.Should().Be(3);
        exec.ExecHistory(200)
            .Single()
            .Environment.Should()
            .BeEquivalentTo(
                new Dictionary<string, string>
                {
                    ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    ["LANG"] = "C",
                    ["container"] = "lxc",
                }
            );
    }
}
