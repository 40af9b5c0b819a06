namespace Evolink.Uploads;

/// <summary>How many files the account keeps on the file service, and how many it may.</summary>
public sealed class FileQuota
{
    public long UsedFiles { get; set; }

    public long MaximumFiles { get; set; }

    public long RemainingFiles => MaximumFiles > UsedFiles ? MaximumFiles - UsedFiles : 0;
}
