using Xunit;

namespace LxcForge.Testing.Ssh;

/// <summary>A fact that needs a real sshd (openssh-server): skipped, with the reason, where it is not installed.</summary>
public sealed class SshdFactAttribute : FactAttribute
{
    public SshdFactAttribute()
    {
        if (SshdServer.UnavailableReason is { } reason)
            Skip = reason;
    }
}
