import type { CommandModule } from 'yargs';
import { formatTable } from '../report/format-table.ts';
import { probeIsolation, type IsolationReport } from '../sandbox/probe-isolation.ts';
import type { CliIO } from './main.ts';

interface DoctorArgs {
  json?: boolean;
}

// ../shared/docs/cli.md: 3 is "sandbox unavailable", an infrastructure failure.
const UNSAFE_EXIT = 3;

export function doctorCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, DoctorArgs> {
  return {
    command: 'doctor',
    describe: 'Check that generated code can be graded safely here: bwrap, uid drop, cgroups, seccomp, toolchains',
    builder: (y) =>
      y
        .option('json', { type: 'boolean', describe: 'Print the report as JSON on stdout' })
        .example('$0 doctor', 'A table of what isolates the code, and whether grading is safe')
        .example('$0 doctor --json', 'The same for machines; exit code 3 when grading would be unsafe'),
    handler: async (args) => {
      io.stderr('codebench: probing the sandbox (a few test runs)…\n');
      const report = await probeIsolation();
      io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
      setCode(report.safe ? 0 : UNSAFE_EXIT);
    },
  };
}

export function formatDoctorReport(report: IsolationReport): string {
  const status = (ok: boolean, warn = false) => (ok ? 'ok' : warn ? 'warn' : 'FAIL');
  const rows: string[][] = [
    ['bubblewrap', status(report.bwrap.ok), report.bwrap.detail],
    ['user', status(report.uidDrop.ok, true), `${report.root ? 'root' : 'not root'}; ${report.uidDrop.detail}`],
    ['user namespaces', status(report.userNamespaces.ok), report.userNamespaces.detail],
    ['cgroups', status(report.cgroups.ok, true), `${report.cgroups.mode}${report.cgroups.enforces.length > 0 ? `: ${report.cgroups.enforces.join(', ')}` : ''} (${report.cgroups.detail})`],
    ['seccomp', status(report.seccomp.ok, !report.seccomp.on), report.seccomp.detail],
    ['zombies', status(report.zombies.ok, true), report.zombies.detail],
    ['toolchains', status(report.toolchains.length > 0, true), report.toolchains.map((t) => `${t.name} ${t.path}`).join(', ') || 'none found'],
    ['rlimits', 'ok', `CPU, file size, open files, core 0${report.root ? ', processes (per slot uid)' : ''}, address space for native code`],
    ['speed', report.performance.workParentTmpfs && report.performance.rcuExpedited !== false ? 'ok' : 'note', report.performance.detail],
  ];
  const lines = [formatTable(['check', 'status', 'detail'], rows), ''];
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  for (const p of report.problems) lines.push(`problem: ${p}`);
  lines.push(report.safe ? 'grading is safe here' : 'grading would be UNSAFE here (exit 3)');
  return `${lines.join('\n')}\n`;
}
