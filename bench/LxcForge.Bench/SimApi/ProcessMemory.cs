using System.Globalization;

namespace LxcForge.Bench.SimApi;

/// <summary>The process's resident memory, from /proc/self/status (VmRSS now, VmHWM at peak), in MiB.</summary>
internal static class ProcessMemory
{
    public static (double CurrentMiB, double PeakMiB) Read()
    {
        double Field(string name)
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        return (Field("VmRSS"), Field("VmHWM"));
    }
}
