using System.Runtime.Versioning;

// The scenarios run the Linux servers' scripts (deploy/local/*.sh), pg_ctl and signals: Linux only.
[assembly: SupportedOSPlatform("linux")]
