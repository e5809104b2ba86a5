/**
 * The base image of every container: Node 20 on Debian bookworm (slim), pinned by the digest
 * of its multi-arch index so that a tag moving upstream never changes a build. The Node major
 * matches `engines` in the root package.json (`>=20.19 <23`); `node:20-bookworm-slim`,
 * `node:20-slim` and `node:20.20.2-slim` all resolved to this digest when it was pinned.
 * Bump it on purpose, together with the Node version it carries.
 */
export const NODE_IMAGE =
  'docker.io/library/node:20-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0';

/** The Node major that {@link NODE_IMAGE} carries; a test compares it with `engines`. */
export const NODE_IMAGE_MAJOR = 20;
