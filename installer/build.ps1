# Build the Windows bench bundle (dist\parcelbench\, runs without Python) and, when Inno Setup 6
# is installed, the installer dist\ParcelBench-Setup-VERSION.exe (installer\windows\parcelbench.iss).
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1 [-Python PATH] [-NoSetup]
# Needs Python 3.11+ with `pip install -e .[dev]` (PyInstaller comes with the dev extra).
param(
    [string]$Python = "",
    [switch]$NoSetup
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
if (-not $Python) {
    $venv = Join-Path $Root ".venv\Scripts\python.exe"
    $Python = if (Test-Path $venv) { $venv } else { "python" }
}
& $Python -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) { throw "PyInstaller missing in ${Python}: pip install -e .[dev]" }

$Dist = Join-Path $Root "dist"
$Work = Join-Path $Root "build\pyinstaller"
& $Python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath $Dist --workpath $Work (Join-Path $Root "installer\parcelbench.spec")
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$Exe = Join-Path $Dist "parcelbench\parcelbench.exe"
$Version = ((& $Exe --version) -split " ")[1]
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "the bundle does not start: $Exe --version" }
$Size = "{0:N0} MB" -f ((Get-ChildItem (Join-Path $Dist "parcelbench") -Recurse |
    Measure-Object Length -Sum).Sum / 1MB)
Write-Host "bundle: $Dist\parcelbench ($Size), parcelbench $Version"

if ($NoSetup) { return }
$Iscc = @(
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    "$env:ProgramFiles\Inno Setup 6\ISCC.exe"
) | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $Iscc) {
    Write-Warning "Inno Setup 6 not found: bundle built, installer not (install Inno Setup 6)"
    return
}
& $Iscc "/DAppVersion=$Version" "/DBundleDir=$Dist\parcelbench" "/O$Dist" `
    (Join-Path $Root "installer\windows\parcelbench.iss")
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "installer: $Dist\ParcelBench-Setup-$Version.exe"
