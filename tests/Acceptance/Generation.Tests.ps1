# Images, video and audio as a script meets them in real pwsh: results saved and described, a refused prompt as one
# error with the step failing, and a task started in one session picked up in another by its id.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    $script:gateway = Start-FakeGateway
}

AfterAll { Stop-FakeGateway $script:gateway }

Describe 'Generating media in a script' {
    It 'saves each result, outputs one object per file, generates several at once, and fails the step on a refused prompt only after the rest' {
        $run = Invoke-Pwsh -AsCommand @'
$PSDefaultParameterValues['*-Evolink*:PollIntervalSec'] = 0.05
$files = 'a fox', 'refused', 'an owl' | ForEach-Object {
    $model = if ($_ -eq 'refused') { 'fake-task-fails' } else { 'gemini-2.5-flash-image' }
    New-EvolinkImage $_ -Model $model -OutDirectory ./art -ErrorVariable +failed
}
$files | ForEach-Object { '{0} {1} {2}' -f (Split-Path $_.Path -Leaf), $_.Length, $_.ContentType }
# Three at once: every prompt's file, in the prompts' order.
$together = 'a heron', 'a wren', 'a crane' | New-EvolinkImage -ThrottleLimit 3 -OutDirectory ./together
'together: ' + @($together).Count + ' files, ' + @(Get-ChildItem ./together -Filter *.png).Count + ' on disk'
if ($failed) { exit 1 }
'@ -Gateway $gateway

        $run.ExitCode | Should -Be 1
        $lines = $run.Text.Trim() -split "`n"
        $lines.Count | Should -Be 3
        $lines[0..1] | ForEach-Object { $_ | Should -Match '^task-unified-\S+\.png 70 image/png$' }
        $lines[2] | Should -Be 'together: 3 files, 3 on disk'
        @(Get-ChildItem (Join-Path $TestDrive 'art') -Filter *.png).Count | Should -Be 2
        $run.ErrorText | Should -Match 'failed with content_policy_violation'
        $run.ErrorText | Should -Not -Match $gateway.ApiKey
    }

    It 'starts a task in one session and saves its video in the next, by the task id' {
        $start = Invoke-Pwsh -AsCommand "(New-EvolinkVideo 'waves' -Model seedance-1.0-pro -DurationSec 5 -NoWait).Id" -Gateway $gateway
        $id = $start.Text.Trim()
        $receive = Invoke-Pwsh -AsCommand "(Receive-EvolinkTask $id -OutFile ./waves.mp4 -PollIntervalSec 0.05).ContentType" -Gateway $gateway

        $id | Should -Match '^task-unified-\S+$'
        $receive.ErrorText | Should -BeNullOrEmpty
        $receive.Text.Trim() | Should -Be 'video/mp4'
        (Get-Item (Join-Path $TestDrive 'waves.mp4')).Length | Should -BeGreaterThan 0
    }

    It 'collects several generations as a job that Get-Job, Wait-Job and Receive-Job understand' {
        $run = Invoke-Pwsh -AsCommand @'
$job = 'a fox', 'an owl', 'a heron' | New-EvolinkImage -AsJob -JobName art -OutDirectory ./jobs -PollIntervalSec 0.05
(Get-Job -Name art).PSJobTypeName
$files = Wait-Job $job -Timeout 30 | Receive-Job
$job.State
$files.Count
Remove-Job $job
'@ -Gateway $gateway

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('EvolinkGenerationJob', 'Completed', '3')
        @(Get-ChildItem (Join-Path $TestDrive 'jobs') -Filter *.png).Count | Should -Be 3
    }
}
