using System.ComponentModel;
using LxcForge.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Hosting;

/// <summary>
/// The options of every command that talks to a host: where it is (<c>--host</c>, from <see cref="GlobalSettings"/>)
/// and how to log in and trust it. Secrets never come from the command line: a token comes from a file or
/// <c>PVE_TOKEN</c>, a password from a file or <c>PVE_PASSWORD</c>.
/// </summary>
public class HostSettings : GlobalSettings
{
    [CommandOption("--token-file <FILE>")]
    [Description("File holding the API token USER@REALM!TOKENID=SECRET (or set PVE_TOKEN); for --host https://…")]
    public string? TokenFile { get; init; }

    [CommandOption("--user <USER>")]
    [Description("Log in with a password instead of a token (e.g. root@pam, needed for keyctl/fuse); the password comes from --password-file or PVE_PASSWORD")]
    public string? User { get; init; }

    [CommandOption("--password-file <FILE>")]
    [Description("File holding the password for --user")]
    public string? PasswordFile { get; init; }

    [CommandOption("--fingerprint <SHA256>")]
    [Description("Trust the host's (self-signed) certificate with this SHA-256 fingerprint (pvenode cert info)")]
    public string? Fingerprint { get; init; }

    [CommandOption("--insecure-skip-tls-verify")]
    [Description("Accept ANY certificate from the host (insecure: anyone on the path can read the token); prefer --fingerprint")]
    public bool InsecureSkipTlsVerify { get; init; }

    [CommandOption("--ssh <USER@HOST>")]
    [Description("With --host https://…: run commands inside containers with pct exec over SSH (the REST API has no exec)")]
    public string? Ssh { get; init; }

    [CommandOption("--ssh-key <FILE>")]
    [Description("Private key for ssh://… and --ssh (repeatable; default: the ssh-agent's keys, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa)")]
    public string[] SshKeys { get; init; } = [];

    [CommandOption("--known-hosts <FILE>")]
    [Description("known_hosts file that vouches for the host's SSH key (default ~/.ssh/known_hosts)")]
    public string? KnownHosts { get; init; }

    [CommandOption("--accept-new-host-key")]
    [Description("Trust a host whose SSH key is not yet in known_hosts, and record it there (a CHANGED key is still refused)")]
    public bool AcceptNewHostKey { get; init; }
}
