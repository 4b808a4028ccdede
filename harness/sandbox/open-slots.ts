import { detectCgroups, type CgroupLayout } from './detect-cgroups.ts';
import { SlotCgroup, type CgroupCapabilities } from './slot-cgroup.ts';
import { allocateUids } from './slot-uids.ts';
import { sweepStaleCgroups, sweepStaleWorkdirs } from './sweep-stale.ts';

/** One concurrent slot: its own host uid and two cgroups that runs take in turns (./slot-launcher.ts). */
export interface Slot {
  uid: number | undefined;
  cgroups: SlotCgroup[];
}

/** What the slots enforce, for `codebench doctor` and for warnings. */
export interface CgroupStatus {
  mode: CgroupLayout['mode'];
  /** Why this mode; for `none`, what is missing. */
  reason: string;
  capabilities?: CgroupCapabilities;
}

let instanceSeq = 0;
let sweptWorkdirs = false;
let sweptCgroups = false;

/**
 * Makes the slots of one sandbox instance. As root each slot gets a uid and cgroups; when cgroups
 * cannot be made (not root, no delegation, a read-only cgroupfs) the slots run without them and
 * the status says why: rlimits, the pid namespace and sized tmpfs remain.
 */
export function openSlots(count: number, options: { root: boolean; cgroups: boolean; workParent: string }): { slots: Slot[]; status: CgroupStatus } {
  const layout: CgroupLayout = !options.cgroups
    ? { mode: 'none', reason: 'cgroups turned off' }
    : options.root
      ? detectCgroups()
      : { mode: 'none', reason: 'not running as root: no cgroup writes and no per-slot uids' };
  // Once per process: leftovers of graders that died without cleaning up.
  if (!sweptWorkdirs) {
    sweptWorkdirs = true;
    sweepStaleWorkdirs(options.workParent);
  }
  if (!sweptCgroups && layout.mode !== 'none') {
    sweptCgroups = true;
    sweepStaleCgroups(layout);
  }
  const uids = options.root ? allocateUids(count) : undefined;
  const slots: Slot[] = Array.from({ length: count }, (_, i) => ({ uid: uids?.[i], cgroups: [] }));
  if (layout.mode === 'none') return { slots, status: { mode: 'none', reason: layout.reason } };

  const instance = `${process.pid}-${++instanceSeq}`;
  try {
    for (const [i, slot] of slots.entries()) {
      for (const turn of ['a', 'b']) slot.cgroups.push(SlotCgroup.create(layout, instance, `slot-${i}${turn}`));
    }
  } catch (error) {
    for (const slot of slots) for (const group of slot.cgroups.splice(0)) void group.remove();
    return { slots, status: { mode: 'none', reason: `could not create ${layout.mode} cgroups: ${(error as Error).message}` } };
  }
  return { slots, status: { mode: layout.mode, reason: layout.reason, capabilities: slots[0]!.cgroups[0]!.capabilities } };
}
