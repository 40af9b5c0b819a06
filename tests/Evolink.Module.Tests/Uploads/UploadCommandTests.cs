using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>Send-EvolinkFile, and a local reference image uploaded before its generation starts.</summary>
[Collection(ModuleCollection.Name)]
public sealed class UploadCommandTests : ModuleTest
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public UploadCommandTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void Piped_files_are_each_uploaded_or_one_error_naming_what_is_allowed()
    {
        File.WriteAllBytes(Path.Combine(Env.WorkFolder, "a.png"), Png);
        Env.WriteFile("b.png", "not an image at all");
        File.WriteAllBytes(Path.Combine(Env.WorkFolder, "c.png"), Png);

        var run = Run("$kept = (Get-EvolinkFileQuota).UsedFiles; Get-ChildItem ./*.png | Send-EvolinkFile | ForEach-Object { $_.Name; $_.Url.Scheme }; (Get-EvolinkFileQuota).UsedFiles - $kept");

        Assert.Equal(new object?[] { "a.png", "http", "c.png", "http", 2L }, run.Values);
        var error = Assert.Single(run.AllErrors);
        Assert.StartsWith("EvolinkInvalidInput", error.FullyQualifiedErrorId);
        Assert.Contains("b.png' is not a JPEG, PNG, GIF or WebP image", error.Exception.Message);
    }

    [Fact]
    public void A_local_reference_image_is_uploaded_first_and_its_URL_sent_and_a_wrong_one_stops_before_anything()
    {
        File.WriteAllBytes(Path.Combine(Env.WorkFolder, "before.png"), Png);
        Env.WriteFile("notes.txt", "text");

        Run("New-EvolinkImage 'the same at night' -ReferenceImage ./before.png, https://example.com/b.png -PollIntervalSec 0.05 | Out-Null").Succeeded();
        var sent = Env.Gateway.Requests.Last(r => r.Path == "/v1/images/generations").Body;
        var before = Env.Gateway.Requests.Count;
        var wrong = Run("New-EvolinkImage 'x' -ReferenceImage ./notes.txt");

        Assert.Matches(@"""image_urls"":\[""http://127\.0\.0\.1:\d+/fake-files/uploads/file-fake\d+"",""https://example\.com/b\.png""\]", sent);
        Assert.Contains("notes.txt' is not a JPEG, PNG, GIF or WebP image", Assert.Single(wrong.AllErrors).Exception.Message);
        Assert.Equal(before, Env.Gateway.Requests.Count);
    }

    [Fact]
    public void An_image_on_the_web_is_kept_by_the_service_with_Url_and_recent_tasks_are_listed()
    {
        var run = Run("""
            (Send-EvolinkFile -Url https://example.com/art/fox.png).Name
            $t = New-EvolinkImage 'listed' -NoWait
            (Get-EvolinkTask | Select-Object -First 1).Id -eq $t.Id
            """).Succeeded();

        Assert.Equal(new object?[] { "fox.png", true }, run.Values);
    }
}
