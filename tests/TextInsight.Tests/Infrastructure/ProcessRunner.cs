using System.Diagnostics;

namespace TextInsight.Tests.Infrastructure;

/// <summary>Runs a command to completion, capturing its output, with a time limit.</summary>
internal static class ProcessRunner
{
    internal static CliRunner.Result Run(string file, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // A nested build must not inherit the test host's MSBuild state.
        foreach (string v in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
        {
            psi.Environment.Remove(v);
        }

        using var process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}");
        }

        return new CliRunner.Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
