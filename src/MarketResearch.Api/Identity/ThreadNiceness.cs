using System.Runtime.InteropServices;

namespace MarketResearch.Api.Identity;

/// <summary>
/// Linux scheduling priority of the calling thread. .NET's Thread.Priority does nothing there, but a thread may always
/// raise its own nice value (lower its priority) without privileges; lowering it back would need CAP_SYS_NICE, so
/// only threads that keep the lower priority for life should use this.
/// </summary>
internal static class ThreadNiceness
{
    private const int PriorityOfProcess = 0; // PRIO_PROCESS: with a thread id, applies to that thread alone.

    public static bool TryLowerCurrentThread(int niceness)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetPriority(PriorityOfProcess, GetThreadId(), niceness) == 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: the arguments are plain ints, and LibraryImport would need unsafe code
    // enabled for the whole API.
    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);
}
