import { type ApiSchema, indexedBase, statedIndexRange } from '@proxmox-openapi/core';

/**
 * Indexed parameters: the apidoc declares `net[n]`, `scsi[n]`, `link[n]`, … once, and the API
 * accepts `net0`, `net1`, … up to a product limit. The generator expands them to the real names,
 * because no client sends a literal `net[n]`.
 *
 * The range is read from the description first (core's `statedIndexRange`, the diff's reader
 * too); this table is the fallback for the parameters whose description does not say. Each entry
 * is the highest index the Proxmox source accepts (the constant named in the comment).
 */
export const PROXMOX_INDEX_LIMITS: Readonly<Record<string, { max: number; source: string }>> = Object.freeze({
  net: { max: 31, source: 'qemu-server $MAX_NETS = 32; pve-container $MAX_LXC_NETWORKS = 32' },
  ipconfig: { max: 31, source: 'qemu-server: one per network device ($MAX_NETS = 32)' },
  hostpci: { max: 15, source: 'qemu-server $MAX_HOSTPCI_DEVICES = 16' },
  numa: { max: 7, source: 'qemu-server $MAX_NUMA = 8' },
  unused: { max: 255, source: 'qemu-server $MAX_UNUSED_DISKS = 256; pve-container $MAX_UNUSED_DISKS = 256' },
  virtiofs: { max: 9, source: 'qemu-server $MAX_VIRTIOFS = 10' },
  mp: { max: 255, source: 'pve-container $MAX_MOUNT_POINTS = 256' },
  dev: { max: 255, source: 'pve-container $MAX_DEVICES = 256' },
  acmedomain: { max: 5, source: 'pve-manager PVE::NodeConfig $MAXDOMAINS = 6' },
  link: { max: 7, source: 'pve-cluster corosync: link0..link7' },
  ide: { max: 3, source: 'qemu-server $MAX_IDE_DISKS = 4' },
  sata: { max: 5, source: 'qemu-server $MAX_SATA_DISKS = 6' },
  scsi: { max: 30, source: 'qemu-server $MAX_SCSI_DISKS = 31' },
  virtio: { max: 15, source: 'qemu-server $MAX_VIRTIO_DISKS = 16' },
  serial: { max: 3, source: 'qemu-server $MAX_SERIAL_PORTS = 4' },
  parallel: { max: 2, source: 'qemu-server $MAX_PARALLEL_PORTS = 3' },
  usb: { max: 13, source: 'qemu-server $MAX_USB_DEVICES = 14' },
});

/** The highest index used when neither the description nor the table knows the parameter. */
export const DEFAULT_INDEX_MAX = 9;

/** An indexed parameter's real names and where its range came from. */
export interface IndexRange {
  /** The name without `[n]`: `net` for `net[n]`. */
  base: string;
  min: number;
  max: number;
  source: 'description' | 'table' | 'default';
}

/** The range of an indexed parameter, from its description, the limits table, or the default. */
export function indexRange(name: string, schema: ApiSchema | undefined): IndexRange | undefined {
  const base = indexedBase(name);
  if (base === undefined) return undefined;
  const stated = statedIndexRange(name, schema);
  if (stated) return { ...stated, source: 'description' };
  const known = PROXMOX_INDEX_LIMITS[base];
  if (known) return { base, min: 0, max: known.max, source: 'table' };
  return { base, min: 0, max: DEFAULT_INDEX_MAX, source: 'default' };
}

/** The real names of an indexed parameter: `net0` … `net31`. */
export function expandIndexedName(range: IndexRange): string[] {
  const names: string[] = [];
  for (let i = range.min; i <= range.max; i++) names.push(`${range.base}${i}`);
  return names;
}
