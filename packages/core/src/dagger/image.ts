/**
 * The base image of every container: Node 24, the current LTS line, on Debian bookworm (slim),
 * pinned by the digest of its multi-arch index so that a tag moving upstream never changes a
 * build. The Node major is the newest that `engines` in the root package.json admits
 * (`>=20.19 <25`). The digest is the index that `node:24-bookworm-slim` and
 * `node:24.18.0-bookworm-slim` resolved to when it was pinned; it was looked up, never pulled, on
 * the machine this was written on (no container runtime there): the Dagger workflow on GitHub is
 * the first place that pulls it. Bump it on purpose, together with the Node version it carries.
 */
export const NODE_IMAGE =
  'docker.io/library/node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d';

/** The Node major that {@link NODE_IMAGE} carries; a test compares it with `engines`. */
export const NODE_IMAGE_MAJOR = 24;
