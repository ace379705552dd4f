using LxcForge.Core.Spec;

namespace LxcForge.Core.Tests.Spec;

/// <summary>Every validation rule, each with a fleet.yaml that breaks it: the problem names the line, column and field.</summary>
public class SpecValidatorSpecs
{
    public static TheoryData<string, string, int, int, string> BrokenSpecs =>
        new()
        {
            // description, yaml, line, column, field  (the message is checked by the case's own fragment below)
            { "syntax error", "network:\n  bridge: [vmbr2\n  subnet: 10.0.30.0/24\n", 3, 3, "" },
            { "duplicate key", "network:\n  bridge: vmbr2\n  bridge: vmbr3\n", 3, 3, "" },
            { "two documents", "network: {bridge: vmbr2}\n---\nnetwork: {bridge: vmbr3}\n", 3, 1, "" },
            { "unknown key", "network:\n  brige: vmbr3\n", 2, 3, "network.brige" },
            { "unknown top-level key", "service:\n  - name: redis\n", 1, 1, "service" },
            { "unknown feature", "services:\n  - name: docker\n    features: [nesting, keyctrl]\n", 3, 25, "services[0].features[1]" },
            { "a mapping where a value belongs", "network:\n  bridge: {name: vmbr2}\n", 2, 11, "network.bridge" },
            { "a value where a mapping belongs", "network: vmbr2\n", 1, 10, "network" },
            { "a value where a list belongs", "services: redis\n", 1, 11, "services" },
            { "not a number", "services:\n  - name: redis\n    cores: many\n", 3, 12, "services[0].cores" },
            { "not a boolean", "services:\n  - name: redis\n    onboot: sometimes\n", 3, 13, "services[0].onboot" },
            { "not a size", "services:\n  - name: redis\n    memory: lots\n", 3, 13, "services[0].memory" },
            { "not a range", "ids:\n  services: 200..299\n", 2, 13, "ids.services" },
            { "service without name", "services:\n  - ctid: 250\n", 2, 5, "services[0].name" },
            { "custom service without ctid", "services:\n  - name: myapp\n    template: redis\n    ip: 10.0.30.100\n", 2, 5, "services[0].ctid" },
            { "custom service without ip", "services:\n  - name: myapp\n    template: redis\n    ctid: 250\n", 2, 5, "services[0].ip" },
            { "CTID below 100", "services:\n  - name: redis\n    ctid: 50\n", 3, 11, "services[0].ctid" },
            { "CTID above 999999999", "templates:\n  - name: redis\n    ctid: 1000000000\nservices:\n  - name: redis\n", 3, 11, "templates[0].ctid" },
            { "service CTID outside the service range", "services:\n  - name: redis\n    ctid: 350\n", 3, 11, "services[0].ctid" },
            {
                "template CTID outside the template range",
                "templates:\n  - name: redis\n    ctid: 850\nservices:\n  - name: redis\n",
                3,
                11,
                "templates[0].ctid"
            },
            { "duplicate service CTID", "services:\n  - name: redis\n  - name: gitea\n    ctid: 201\n", 4, 11, "services[1].ctid" },
            {
                "duplicate template CTID",
                "templates:\n  - name: redis\n  - name: gitea\n    ctid: 901\nservices:\n  - name: redis\n",
                4,
                11,
                "templates[1].ctid"
            },
            { "CTID of a replica", "services:\n  - name: postgresql\n    replicas: {count: 2}\n  - name: redis\n    ctid: 211\n", 5, 11, "services[1].ctid" },
            { "duplicate IP", "services:\n  - name: redis\n  - name: gitea\n    ip: 10.0.30.20\n", 4, 9, "services[1].ip" },
            { "IP of a replica", "services:\n  - name: postgresql\n    replicas: {count: 1}\n  - name: redis\n    ip: 10.0.30.11\n", 5, 9, "services[1].ip" },
            { "IP outside the subnet", "services:\n  - name: redis\n    ip: 10.0.31.5\n", 3, 9, "services[0].ip" },
            { "IP is the network address", "services:\n  - name: redis\n    ip: 10.0.30.0\n", 3, 9, "services[0].ip" },
            { "IP is the broadcast address", "services:\n  - name: redis\n    ip: 10.0.30.255\n", 3, 9, "services[0].ip" },
            { "IP is the gateway", "services:\n  - name: redis\n    ip: 10.0.30.1\n", 3, 9, "services[0].ip" },
            { "IP with a prefix", "services:\n  - name: redis\n    ip: 10.0.30.20/24\n", 3, 9, "services[0].ip" },
            { "hostname with an underscore", "services:\n  - name: redis\n    hostname: redis_cache\n", 3, 15, "services[0].hostname" },
            { "hostname with a dot", "services:\n  - name: redis\n    hostname: redis.lan\n", 3, 15, "services[0].hostname" },
            { "hostname starting with a hyphen", "services:\n  - name: redis\n    hostname: \"-redis\"\n", 3, 15, "services[0].hostname" },
            { "duplicate hostname", "services:\n  - name: redis\n  - name: gitea\n    hostname: Redis-Cache\n", 4, 15, "services[1].hostname" },
            {
                "replica hostname taken",
                "services:\n  - name: postgresql\n    replicas: {count: 1}\n  - name: redis\n    hostname: postgresql-db-1\n",
                5,
                15,
                "services[1].hostname"
            },
            {
                "replica hostname",
                "services:\n  - name: redis\n    replicas: {count: 1, hostname: \"{hostname}_{n}\"}\n",
                3,
                36,
                "services[0].replicas.hostname"
            },
            { "missing template", "services:\n  - name: postgresql\n    template: postgress\n", 3, 15, "services[0].template" },
            { "zero cores", "services:\n  - name: redis\n    cores: 0\n", 3, 12, "services[0].cores" },
            { "negative memory", "services:\n  - name: redis\n    memory: -512\n", 3, 13, "services[0].memory" },
            { "zero template memory", "templates:\n  - name: redis\n    memory: 0\nservices:\n  - name: redis\n", 3, 13, "templates[0].memory" },
            { "negative swap", "services:\n  - name: redis\n    swap: -1\n", 3, 11, "services[0].swap" },
            { "malformed disk", "services:\n  - name: redis\n    disk: 8X\n", 3, 11, "services[0].disk" },
            { "relative disk", "services:\n  - name: redis\n    disk: +4G\n", 3, 11, "services[0].disk" },
            { "zero disk", "services:\n  - name: redis\n    disk: 0G\n", 3, 11, "services[0].disk" },
            {
                "replicas run out of CTIDs",
                "services:\n  - name: postgresql\n    replicas:\n      count: 3\n      ctid-start: 298\n",
                5,
                19,
                "services[0].replicas.ctid-start"
            },
            {
                "replicas run out of listed CTIDs",
                "services:\n  - name: postgresql\n    replicas:\n      count: 3\n      ctids: [210, 211]\n",
                5,
                7,
                "services[0].replicas.ctids"
            },
            {
                "replicas run out of addresses",
                "services:\n  - name: postgresql\n    replicas:\n      count: 2\n      ip-start: 10.0.30.254\n",
                5,
                17,
                "services[0].replicas.ip-start"
            },
            {
                "replicas run out of listed addresses",
                "services:\n  - name: postgresql\n    replicas:\n      count: 2\n      ips: [10.0.30.11]\n",
                5,
                7,
                "services[0].replicas.ips"
            },
            {
                "replicas by default run past the range",
                "ids:\n  services: 200-211\nservices:\n  - name: postgresql\n    replicas:\n      count: 3\n",
                5,
                5,
                "services[0].replicas"
            },
            {
                "replica CTID listed outside the range",
                "services:\n  - name: postgresql\n    replicas: {count: 1, ctids: [400]}\n",
                3,
                34,
                "services[0].replicas.ctids[0]"
            },
            { "negative replica count", "services:\n  - name: postgresql\n    replicas: {count: -1}\n", 3, 23, "services[0].replicas.count" },
            { "gateway outside the subnet", "network:\n  gateway: 10.0.31.1\n", 2, 12, "network.gateway" },
            { "gateway is the network address", "network:\n  gateway: 10.0.30.0\n", 2, 12, "network.gateway" },
            { "subnet with host bits", "network:\n  subnet: 10.0.30.5/24\n", 2, 11, "network.subnet" },
            { "subnet prefix too long", "network:\n  subnet: 10.0.30.0/33\n", 2, 11, "network.subnet" },
            { "subnet without prefix", "network:\n  subnet: 10.0.30.0\n", 2, 11, "network.subnet" },
            { "bridge name with a space", "network:\n  bridge: vm bridge\n", 2, 11, "network.bridge" },
            { "bridge name too long", "network:\n  bridge: vmbr2345678901234\n", 2, 11, "network.bridge" },
            { "DNS server not an address", "network:\n  dns: [10.0.30.1, dns.example]\n", 2, 20, "network.dns[1]" },
            { "search domain", "network:\n  search-domain: home_lab\n", 2, 18, "network.search-domain" },
            { "storage id", "storage:\n  services: 1local\n", 2, 13, "storage.services" },
            { "id ranges overlap", "ids:\n  templates: 200-300\n", 1, 1, "ids" },
            { "id range reversed", "ids:\n  services: 299-200\n", 2, 13, "ids.services" },
            { "id range below 100", "ids:\n  services: 50-299\n", 2, 13, "ids.services" },
            { "script ref not a commit", "scripts:\n  ref: main\n", 2, 8, "scripts.ref" },
            { "script repository", "scripts:\n  repository: ProxmoxVE\n", 2, 15, "scripts.repository" },
            { "backup mode", "backup:\n  mode: snapshoot\n", 2, 9, "backup.mode" },
            { "backup compression", "backup:\n  compress: xz\n", 2, 13, "backup.compress" },
            { "negative retention", "backup:\n  retention: {keep-last: -1}\n", 2, 26, "backup.retention.keep-last" },
            { "duplicate service name", "services:\n  - name: redis\n  - name: redis\n    ctid: 250\n    ip: 10.0.30.100\n", 3, 11, "services[1].name" },
            {
                "duplicate template name",
                "templates:\n  - name: redis\n  - name: redis\n    ctid: 950\nservices:\n  - name: redis\n",
                3,
                11,
                "templates[1].name"
            },
            { "invalid service name", "services:\n  - name: My App\n    template: redis\n    ctid: 250\n    ip: 10.0.30.100\n", 2, 11, "services[0].name" },
            { "keyctl on a privileged container", "services:\n  - name: docker\n    unprivileged: false\n", 2, 5, "services[0].features" },
            { "startup order", "services:\n  - name: redis\n    startup-order: -1\n", 3, 20, "services[0].startup-order" },
            { "tag", "services:\n  - name: redis\n    tags: [db, \"-cache\"]\n", 3, 16, "services[0].tags[1]" },
            { "custom port", "services:\n  - name: redis\n    custom: {ports: [6379, 70000]}\n", 3, 28, "services[0].custom.ports[1]" },
            { "node not in the spec's nodes", "nodes: [pve1]\nservices:\n  - name: redis\n    node: pve2\n", 4, 11, "services[0].node" },
            {
                "template of an unknown service without a source",
                "templates:\n  - name: myapp\n    ctid: 950\nservices:\n  - name: redis\n",
                2,
                5,
                "templates[0].source"
            },
            {
                "template with both sources",
                "templates:\n  - name: redis\n    source: {script: ct/redis.sh, os-template: debian-12-standard_12.12-1_amd64.tar.zst}\n",
                3,
                48,
                "templates[0].source.os-template"
            },
            {
                "provisioning a script build",
                "templates:\n  - name: redis\n    source:\n      provision: {packages: [curl]}\n",
                4,
                7,
                "templates[0].source.provision"
            },
            { "script path", "templates:\n  - name: redis\n    source: {script: redis}\n", 3, 22, "templates[0].source.script" },
            {
                "script path with shell syntax",
                "templates:\n  - name: redis\n    source: {script: \"ct/x$(touch${IFS}PWNED).sh\"}\n",
                3,
                22,
                "templates[0].source.script"
            },
            { "script path outside ct/", "templates:\n  - name: redis\n    source: {script: ../ct/redis.sh}\n", 3, 22, "templates[0].source.script" },
            {
                "answer spanning two lines",
                "templates:\n  - name: redis\n    source: {answers: [\"y\\nrm -rf /\"]}\n",
                3,
                24,
                "templates[0].source.answers[0]"
            },
            {
                "variable that is not var_*",
                "templates:\n  - name: redis\n    source: {variables: {BASH_ENV: /tmp/x}}\n",
                3,
                26,
                "templates[0].source.variables.BASH_ENV"
            },
            {
                "variable with shell syntax",
                "templates:\n  - name: redis\n    source: {variables: {var_os: \"$(id)\"}}\n",
                3,
                26,
                "templates[0].source.variables.var_os"
            },
            { "OS template name", "templates:\n  - name: redis\n    source: {os-template: \"x;id.tar.zst\"}\n", 3, 27, "templates[0].source.os-template" },
            {
                "package starting with a hyphen",
                "templates:\n  - name: redis\n    source: {os-template: debian-12-standard_12.12-1_amd64.tar.zst, provision: {packages: [\"-oAPT::Update::Pre-Invoke::=id\"]}}\n",
                3,
                92,
                "templates[0].source.provision.packages[0]"
            },
            {
                "provisioned file path relative",
                "templates:\n  - name: redis\n    source: {os-template: debian-12-standard_12.12-1_amd64.tar.zst, provision: {files: [{path: etc/motd}]}}\n",
                3,
                96,
                "templates[0].source.provision.files[0].path"
            },
            {
                "provisioned file path climbing",
                "templates:\n  - name: redis\n    source: {os-template: debian-12-standard_12.12-1_amd64.tar.zst, provision: {files: [{path: /etc/../root/x}]}}\n",
                3,
                96,
                "templates[0].source.provision.files[0].path"
            },
            {
                "provisioned file mode",
                "templates:\n  - name: redis\n    source: {os-template: debian-12-standard_12.12-1_amd64.tar.zst, provision: {files: [{path: /etc/motd, mode: \"-R 777\"}]}}\n",
                3,
                113,
                "templates[0].source.provision.files[0].mode"
            },
            { "local path climbing", "scripts:\n  local-path: ../../elsewhere\n", 2, 15, "scripts.local-path" },
            { "unknown setting", "services:\n  - name: redis\n    settings: {maxmemory: 256mb}\n", 3, 16, "services[0].settings.maxmemory" },
            { "PostgreSQL database name", "services:\n  - name: postgresql\n    settings: {database: \"app-db\"}\n", 3, 16, "services[0].settings.database" },
            {
                "Gitea config with shell syntax",
                "services:\n  - name: gitea\n    settings: {config: \"/etc/gitea/app.ini; echo INJECTED > /root/PWN\"}\n",
                3,
                16,
                "services[0].settings.config"
            },
            { "Prometheus config relative", "services:\n  - name: prometheus\n    settings: {config: prometheus.yml}\n", 3, 16, "services[0].settings.config" },
            { "metrics port", "services:\n  - name: redis\n    settings: {metrics: \"9121,x\"}\n", 3, 16, "services[0].settings.metrics" },
        };

    [Theory]
    [MemberData(nameof(BrokenSpecs))]
    public void A_spec_that_breaks_a_rule_gets_a_problem_at_the_right_line_column_and_field(string rule, string yaml, int line, int column, string field)
    {
        // Arrange
        _ = rule;

        // Act
        var result = FleetSpecLoader.FromYaml(yaml, "fleet.yaml");

        // Assert
        result.IsValid.Should().BeFalse();
        var problem = result.Problems.Should().ContainSingle(p => p.Path == field).Subject;
        problem.File.Should().Be("fleet.yaml");
        (problem.Line, problem.Column).Should().Be((line, column), problem.ToString());
        problem.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        // Arrange
        const string yaml = """
            network:
              brige: vmbr3
            services:
              - name: redis
                ctid: 50
                ip: 10.0.31.5
                hostname: redis_cache
                cores: 0
                disk: lots
            """;

        // Act
        var problems = FleetSpecLoader.FromYaml(yaml, "fleet.yaml").Problems;

        // Assert
        problems
            .Select(p => p.Path)
            .Should()
            .Equal("network.brige", "services[0].ctid", "services[0].ip", "services[0].hostname", "services[0].cores", "services[0].disk");
    }

    [Fact]
    public void A_problem_prints_as_file_line_column_field_and_message()
    {
        // Act
        var problem = FleetSpecLoader.FromYaml("network:\n  brige: vmbr3\n", "lab/fleet.yaml").Problems.Single();

        // Assert
        problem
            .ToString()
            .Should()
            .Be(
                "lab/fleet.yaml:2:3: network.brige: unknown key 'brige' (did you mean 'bridge'?); valid keys here: bridge, subnet, gateway, dns, search-domain, template-bridge"
            );
    }

    [Theory]
    [InlineData("services:\n  - name: postgresql\n    template: postgress\n", "did you mean 'postgresql'?")]
    [InlineData("backup:\n  mode: snapshoot\n", "did you mean 'snapshot'?")]
    [InlineData("templates:\n  - name: redis\n", "the file lists templates but no services, so the built-in services apply")]
    [InlineData("services:\n  - name: redis\n    ip: 10.0.30.1\n", "already used by the gateway")]
    [InlineData("services:\n  - name: redis\n  - name: gitea\n    ctid: 201\n", "already used by service 'redis' (services[0])")]
    [InlineData(
        "services:\n  - name: postgresql\n    replicas: {count: 2}\n  - name: redis\n    ctid: 211\n",
        "already used by replica 2 of service 'postgresql'"
    )]
    [InlineData("network:\n  subnet: 10.0.30.5/24\n", "host bits set; the subnet is 10.0.30.0/24")]
    [InlineData(
        "services:\n  - name: postgresql\n    replicas:\n      count: 3\n      ctid-start: 298\n",
        "runs out of CTIDs: replica 3 would get 300, past the end of the service range 200-299"
    )]
    [InlineData(
        "services:\n  - name: postgresql\n    replicas:\n      count: 2\n      ip-start: 10.0.30.254\n",
        "runs out of addresses: replica 2 would need 10.0.30.255"
    )]
    [InlineData("services:\n  - name: redis\n    cores: many\n", "expected a whole number, got 'many'")]
    public void A_problem_says_what_would_be_right(string yaml, string fragment)
    {
        // Act
        var problems = FleetSpecLoader.FromYaml(yaml, "fleet.yaml").Problems;

        // Assert
        problems.Should().Contain(p => p.Message.Contains(fragment), string.Join("\n", problems));
    }

    [Fact]
    public void A_value_that_could_not_be_read_is_reported_once()
    {
        // Arrange: "many" is not a number, so cores keeps the default; no second "cores must be positive".
        const string yaml = "services:\n  - name: myapp\n    template: redis\n    ctid: abc\n    ip: 10.0.30.100\n";

        // Act
        var problems = FleetSpecLoader.FromYaml(yaml, "fleet.yaml").Problems;

        // Assert
        problems.Should().ContainSingle().Which.Path.Should().Be("services[0].ctid");
    }

    [Fact]
    public void The_built_in_defaults_are_valid()
    {
        // Act
        var result = FleetSpecLoader.FromDefaults();

        // Assert
        result.Problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("network:\n  bridge: vmbr2\n")]
    [InlineData("services:\n  - name: postgresql\n    replicas: {count: 3}\n")]
    [InlineData(
        "services:\n  - name: myapp\n    template: redis\n    ctid: 250\n    ip: 10.0.30.100\n    custom: {ports: [8080], check: \"curl -fsS localhost:8080\"}\n"
    )]
    [InlineData(
        "services:\n  - name: postgresql\n    settings: {database: nextcloud_db, user: nc}\n  - name: gitea\n    settings: {config: /etc/gitea/app.ini, metrics: \"3000, 9100\"}\n"
    )]
    [InlineData(
        "templates:\n  - name: redis\n    source: {script: ct/redis.sh, answers: [y, \"17\"], variables: {var_os: debian, var_tags: \"db;cache\"}}\nservices:\n  - name: redis\n"
    )]
    [InlineData(
        "templates:\n  - name: redis\n    source: {os-template: debian-12-standard_12.12-1_amd64.tar.zst, provision: {packages: [redis-server, libc6-dev, g++], files: [{path: /etc/motd, mode: \"0600\"}]}}\nservices:\n  - name: redis\n"
    )]
    public void A_sensible_spec_has_no_problems(string yaml)
    {
        // Act
        var problems = FleetSpecLoader.FromYaml(yaml, "fleet.yaml").Problems;

        // Assert
        problems.Should().BeEmpty(string.Join("\n", problems));
    }
}
