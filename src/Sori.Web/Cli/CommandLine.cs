namespace Sori.Web.Cli;

public static class CommandLine
{
    private static readonly string[] Commands = ["admin", "token", "migrate", "seed-demo", "import", "help", "--help", "-h"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static Task<int> RunAsync(string[] args)
    {
        Console.WriteLine("Commands are not available yet.");
        return Task.FromResult(1);
    }
}
