using System.Management.Automation;

namespace Evolink.ModuleBenchmarks;

/// <summary>
/// The floor for -AsChunk: a compiled cmdlet writing as many objects as the stream has chunks, one WriteObject
/// each, as any binary cmdlet that outputs one object per event must. What PowerShell charges per object (the
/// pipe, the next command's binding) is in it; reading and parsing a stream is not.
/// </summary>
[Cmdlet(VerbsCommunications.Write, "ManyObjects")]
public sealed class WriteManyObjectsCommand : Cmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public int Count { get; set; }

    protected override void EndProcessing()
    {
        for (var i = 0; i < Count; i++)
            WriteObject(new Piece(i));
    }

    /// <summary>A small object, made as it is written, as a chunk is.</summary>
    public sealed class Piece
    {
        public Piece(int index) => Index = index;

        public int Index { get; }
    }
}
