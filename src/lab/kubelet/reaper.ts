/**
 * A watchdog that outlives the lab only to clean up after it: a small Node process that polls
 * the lab's pid and, once the lab is gone without having stopped its containers (SIGKILL, a
 * crashed test worker), kills every process group listed in the lab's group file, then exits.
 * A lab that stops normally kills the watchdog itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';

const SCRIPT = `
const fs = require('fs');
const [labPid, file] = process.argv.slice(1);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const tick = () => {
  if (alive(Number(labPid))) return;
  let groups = [];
  try { groups = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) {}
  for (const g of groups) { try { process.kill(-g, 'SIGKILL'); } catch (e) {} }
  process.exit(0);
};
setInterval(tick, 300);
`;

export class Reaper {
  private readonly child: ChildProcess;
  private last = '';

  constructor(private readonly file: string) {
    this.write([]);
    this.child = spawn(process.execPath, ['-e', SCRIPT, String(process.pid), file], {
      detached: true,
      stdio: 'ignore',
      env: {},
    });
    this.child.unref();
  }

  /** Record the process groups to kill if the lab dies. */
  write(groups: Iterable<number>): void {
    const text = JSON.stringify([...groups]);
    if (text === this.last) return;
    this.last = text;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, this.file);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  stop(): void {
    try {
      this.child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
