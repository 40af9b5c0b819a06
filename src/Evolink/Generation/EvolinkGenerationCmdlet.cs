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
public abstract class EvolinkGenerationCmdlet : EvolinkTaskCmdlet
{
    /// <summary>What to make.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string Prompt { get; set; } = string.Empty;

    /// <summary>Reference images: https URLs, as many as the model takes.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public Uri[]? ReferenceImage { get; set; }

    /// <summary>Fields of the model's own, sent as they are, e.g. @{ seed = 42 }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? AdditionalFields { get; set; }

    /// <summary>Output the task as soon as it is created, without waiting or saving; Receive-EvolinkTask picks it up.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

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
            ReferenceImages = ReferenceImage ?? Array.Empty<Uri>(),
            AdditionalFields = (IDictionary?)PowerShellData.Unwrap(AdditionalFields),
        };
        Describe(request);
        try
        {
            foreach (var image in request.ReferenceImages)
            {
                if (!image.IsAbsoluteUri || image.Scheme != Uri.UriSchemeHttps)
                    throw new EvolinkException(EvolinkErrorKind.InvalidInput,
                        $"-ReferenceImage takes https URLs that the gateway can fetch; '{ScreenText.OneLine(image.OriginalString)}' is not one.");
            }
            if (!ShouldProcess($"{Kind.ToString().ToLowerInvariant()} with {request.Model}: {ScreenText.OneLine(Prompt.Length > 60 ? Prompt.Substring(0, 60) + "…" : Prompt)}", "Start a generation (spends credits)"))
                return;
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
