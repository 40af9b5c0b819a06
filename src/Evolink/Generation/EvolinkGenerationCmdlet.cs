using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// Starting a generation of one kind, for each prompt (typed or piped): the request checked and shown to -WhatIf and
/// -Confirm (a generation spends credits), sent with an Idempotency-Key, then by default waited for and saved
/// (<see cref="EvolinkTaskCmdlet"/>); with -NoWait the task itself is output, to pick up later.
/// </summary>
public abstract partial class EvolinkGenerationCmdlet : EvolinkTaskCmdlet
{
    /// <summary>What to make.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string Prompt { get; set; } = string.Empty;

    /// <summary>Reference images, as many as the model takes: https URLs, or local JPEG, PNG, GIF or WebP files (up to 20 MB), which are uploaded first (Send-EvolinkFile).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ReferenceImage { get; set; }

    /// <summary>Fields of the model's own, sent as they are, e.g. @{ seed = 42 }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? AdditionalFields { get; set; }

    /// <summary>Output the task as soon as it is created, without waiting or saving; Receive-EvolinkTask picks it up.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Run as a background job (type EvolinkGenerationJob): every prompt's task at once; Receive-Job gives the saved files.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    /// <summary>The job's name (with -AsJob).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? JobName { get; set; }

    private readonly System.Collections.Generic.List<(GenerationRequest Request, object Input)> _forJob = new();

    /// <summary>With -AsJob: one job for every prompt given, started once they are all known.</summary>
    protected override void EndProcessing()
    {
        EndTogether();
        if (!AsJob || _forJob.Count == 0)
            return;
        if (NoWait)
            ThrowEvolinkError(new EvolinkException(EvolinkErrorKind.InvalidInput, "-AsJob and -NoWait do not go together: a job waits for its tasks; -NoWait returns them at once."), null);
        if (OutFile is not null && _forJob.Count > 1)
            ThrowEvolinkError(new EvolinkException(EvolinkErrorKind.InvalidInput, $"-OutFile names one file and the job has {_forJob.Count} prompts; use -OutDirectory."), null);
        var job = new GenerationJob(MyInvocation.Line, JobName);
        // Paths are resolved here, on the pipeline thread, where the current location is known.
        var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutDirectory ?? ".");
        var file = OutFile is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
        JobRepository.Add(job);
        job.Start(Generations, _forJob, (task, index) => file ?? System.IO.Path.Combine(folder, FileName(task, index)),
            TimeSpan.FromSeconds(PollIntervalSec), WaitLimit, MaximumFileSizeMB * 1024L * 1024L, Force);
        WriteObject(job);
    }

    /// <summary>A reference image as given: an https URL, or a local file (checked now, so a wrong one stops before any upload).</summary>
    private (Uri? Url, string? Path) ImageSource(string given)
    {
        if (Uri.TryCreate(given, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            // https, or http on this machine (a local test server): plain http elsewhere can be changed on the way.
            return Evolink.Credentials.GatewayEndpoint.IsEncryptedOrLocal(url) ? (url, null)
                : throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"-ReferenceImage takes https URLs (or local files); '{ScreenText.OneLine(given)}' is plain http.");
        }
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(given);
        if (!System.IO.File.Exists(path))
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"-ReferenceImage '{ScreenText.OneLine(given)}' is neither an https URL nor a file.");
        Evolink.Uploads.ImageFile.CheckFile(path);
        return (null, path);
    }

    /// <summary>The model to use.</summary>
    private protected abstract string? ModelId { get; }

    private protected abstract GenerationKind Kind { get; }

    /// <summary>The request's kind-specific fields.</summary>
    private protected abstract void Describe(GenerationRequest request);

    protected override void ProcessRecord()
    {
        var request = new GenerationRequest
        {
            Kind = Kind,
            Model = ModelId ?? string.Empty,
            Prompt = Prompt,
            AdditionalFields = (IDictionary?)PowerShellData.Unwrap(AdditionalFields),
        };
        Describe(request);
        try
        {
            var images = (ReferenceImage ?? Array.Empty<string>()).Select(ImageSource).ToList();
            if (!ShouldProcess($"{Kind.ToString().ToLowerInvariant()} with {request.Model}: {ScreenText.OneLine(Prompt.Length > 60 ? Prompt.Substring(0, 60) + "…" : Prompt)}", "Start a generation (spends credits)"))
                return;
            // Local images are checked (type, size) before anything is sent, then uploaded; URLs go as they are.
            var uploads = new Evolink.Uploads.UploadClient(Client!);
            request.ReferenceImages = images.Select(image => image.Url ?? Await(token => uploads.UploadAsync(image.Path!, token)).Url).ToList();
            if (AsJob)
            {
                _forJob.Add((request, Prompt));
                return;
            }
            if (ThrottleLimit > 1 && !NoWait)
            {
                Together(request);
                return;
            }
            var task = Await(token => Generations.StartAsync(request, token));
            if (NoWait)
            {
                WriteObject(task);
                return;
            }
            Receive(task, Prompt);
        }
        catch (EvolinkException ex)
        {
            WriteEvolinkError(ex, Prompt);
        }
    }
}
