// Preloaded with `node --import` into a CLI child: an /etc/hosts for one process. The names in
// PROXMOX_OPENAPI_FAKE_HOSTS (`name=address,…`) resolve to the given addresses through
// dns.lookup, which is what every connection and the URL policy use; other names resolve as
// usual. Editing the real /etc/hosts would change the machine for everyone else.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

const hosts = new Map(
  (process.env.PROXMOX_OPENAPI_FAKE_HOSTS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=')),
);
const realLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  let opts = options;
  let done = callback;
  if (typeof opts === 'function') {
    done = opts;
    opts = {};
  } else if (typeof opts === 'number') opts = { family: opts };
  const address = hosts.get(hostname);
  if (address === undefined) return realLookup.call(this, hostname, options, callback);
  const family = address.includes(':') ? 6 : 4;
  process.nextTick(() => (opts?.all ? done(null, [{ address, family }]) : done(null, address, family)));
};
syncBuiltinESMExports();
