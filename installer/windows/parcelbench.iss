; Inno Setup 6 script: ParcelBench for every user of a bench PC (per-machine install).
; Built by installer\build.ps1, which passes /DAppVersion and /DBundleDir (dist\parcelbench).
;
; - the program in {autopf}\ParcelBench (read-only for officers), a Start-menu entry;
; - the data (evidence database, photos, logs) in {commonappdata}\ParcelBench, outside Program
;   Files, writable by the bench's users: the machine-wide PARCELBENCH_DATA_DIR names it, so
;   every officer's Windows account uses the one bench database;
; - an upgrade installs over the old version and keeps the data; the program migrates the
;   database at its next start, after writing a copy of it beside it;
; - uninstalling keeps the data unless the person uninstalling ticks the box (an evidence
;   database is never deleted by default; a silent uninstall always keeps it).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\parcelbench"
#endif
#define DataDir "{commonappdata}\ParcelBench"

[Setup]
AppId={{6C0E3B1E-5A0B-4E52-9D0C-5C8B4B7E2F41}
AppName=ParcelBench
AppVersion={#AppVersion}
AppPublisher=ParcelBench developers
DefaultDirName={autopf}\ParcelBench
DefaultGroupName=ParcelBench
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesEnvironment=yes
CloseApplications=yes
OutputBaseFilename=ParcelBench-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\parcelbench.exe

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; officers' accounts write here (database, photos, logs); Program Files stays read-only
Name: "{#DataDir}"; Permissions: users-modify; Flags: uninsneveruninstall

[Registry]
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
  ValueType: expandsz; ValueName: "PARCELBENCH_DATA_DIR"; ValueData: "{#DataDir}"; \
  Flags: uninsdeletevalue

[Icons]
Name: "{group}\ParcelBench"; Filename: "{app}\parcelbench.exe"; Parameters: "app"; \
  WorkingDir: "{#DataDir}"; Comment: "Inspection workstation"
Name: "{group}\ParcelBench demo"; Filename: "{app}\parcelbench.exe"; Parameters: "app --demo"; \
  WorkingDir: "{#DataDir}"

[Run]
Filename: "{app}\parcelbench.exe"; Parameters: "--version"; Flags: runhidden waituntilterminated; \
  StatusMsg: "Checking ParcelBench starts..."

[Code]
var
  DeleteData: Boolean;

function InitializeUninstall(): Boolean;
begin
  DeleteData := False;
  if not UninstallSilent() then
    DeleteData := MsgBox(
      'Also delete the bench data in ' + ExpandConstant('{#DataDir}') + '?' + #13#10 + #13#10 +
      'It holds the evidence database (inspections, seizures, photos, the audit log) and ' +
      'the logs. Choose No to keep it (the default); a later install uses it again.',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteData then
    DelTree(ExpandConstant('{#DataDir}'), True, True, True);
end;
