import type { HttpMethod } from '@proxmox-openapi/core';
import { pascalCase } from './components.js';

/**
 * The operationId of a (method, path): the method, then each path segment, with a parameter
 * segment written as `By<Name>`: `GET /nodes/{node}/qemu/{vmid}/status/current` →
 * `getNodesByNodeQemuByVmidStatusCurrent`. It depends on nothing but the method and the path, so
 * it stays the same across Proxmox versions and does not change when other paths come or go.
 */
export function operationIdFor(method: HttpMethod, path: string): string {
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.replace(/\{([^}]+)\}/g, (_, name: string) => ` By ${name} `))
    .map(pascalCase);
  return `${method.toLowerCase()}${segments.length > 0 ? segments.join('') : 'Root'}`;
}

/** The tag of a path: its first segment (`root` for `/`). */
export function tagFor(path: string): string {
  const first = path.split('/').find((segment) => segment !== '');
  return first === undefined ? 'root' : first.replace(/\{([^}]+)\}/g, '$1');
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  root: 'The API root: the index of the top-level paths.',
  access: 'Users, groups, roles, realms, API tokens, ACLs, and login tickets.',
  cluster:
    'Cluster-wide configuration and state: resources, HA, firewall, backup jobs, SDN, replication, Ceph.',
  nodes:
    'Per-node operations: guests (QEMU VMs and LXC containers), storage, network, services, tasks, disks.',
  storage: 'Storage definitions of the datacenter.',
  pools: 'Resource pools.',
  version: 'The API version.',
  admin: 'Datastore administration: contents, garbage collection, prune, sync and verify jobs.',
  backup: 'The backup protocol (HTTP/2 upgrade) used by backup clients.',
  config: 'Configuration: datastores, remotes, jobs, ACME, notifications, tape.',
  ping: 'A liveness check that needs no authentication.',
  pull: 'Pulling datastore contents from a remote.',
  push: 'Pushing datastore contents to a remote.',
  reader: 'The restore protocol (HTTP/2 upgrade) used by restore clients.',
  status: 'Server and datastore status.',
  tape: 'Tape drives, changers, media, and tape backup jobs.',
};

/** The description of a tag: a known one, or one made from the node's own text. */
export function tagDescription(tag: string, nodeText: string | undefined): string {
  return (
    TAG_DESCRIPTIONS[tag] ??
    `Operations under /${tag}${nodeText && nodeText !== tag ? ` (${nodeText})` : ''}.`
  );
}

/**
 * A one-line summary from the method's description (its first sentence), or from the name or the
 * method and path when there is no description (PBS has no `name`).
 */
export function summaryFor(method: HttpMethod, path: string, description: unknown, name: unknown): string {
  const text = typeof description === 'string' ? description.trim() : '';
  if (text !== '') {
    // The first paragraph as one line (PBS wraps its descriptions), then its first sentence.
    const paragraph = (text.split(/\n\s*\n/)[0] ?? '').replace(/\s+/g, ' ').trim();
    const sentence = /^(.+?[.!?])(?:\s|$)/.exec(paragraph)?.[1] ?? paragraph;
    const summary = sentence.length > 120 ? `${sentence.slice(0, 117).trimEnd()}...` : sentence;
    if (summary !== '') return summary;
  }
  if (typeof name === 'string' && name !== '') return `${name} (${method} ${path})`;
  return `${method} ${path}`;
}
