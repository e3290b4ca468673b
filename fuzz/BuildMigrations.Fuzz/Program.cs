using BuildMigrations.Fuzz;
using SharpFuzz;

// Usage:
//   BuildMigrations.Fuzz HARNESS          under afl-fuzz (fuzz/run.sh): one input per fork, from AFL
//   BuildMigrations.Fuzz HARNESS FILE...  replays inputs without AFL and prints what each one throws,
//                                         to triage afl's crashes/ folder and to check a fix
if (args.Length == 0 || !Harnesses.ByName.TryGetValue(args[0], out var harness))
{
    Console.Error.WriteLine($"usage: BuildMigrations.Fuzz <{string.Join('|', Harnesses.ByName.Keys)}> [input files to replay]");
    return 2;
}

if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        harness(buffer.ToArray());
    });
    return 0;
}

var crashed = 0;
foreach (var file in args.Skip(1))
{
    try
    {
        var outcome = harness(File.ReadAllBytes(file));
        Console.WriteLine($"ok      {file}: {outcome}");
    }
    catch (Exception e)
    {
        crashed++;
        Console.WriteLine($"CRASH   {file}\n{e}\n");
    }
}
Console.WriteLine($"{args.Length - 1 - crashed} ok, {crashed} crashed");
return crashed == 0 ? 0 : 1;
