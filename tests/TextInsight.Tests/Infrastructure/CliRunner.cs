using System.Diagnostics;

namespace TextInsight.Tests.Infrastructure;

/// <summary>Runs the built textinsight CLI in its own process, as a user or script would.</summary>
internal static class CliRunner
{
    internal sealed record Result(int ExitCode, string StdOut, string StdErr);

    internal static Result Run(string? stdin, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "TextInsight.Cli.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        psi.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("textinsight did not finish in 120 s: " + string.Join(' ', args));
        }

        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
