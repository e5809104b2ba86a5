/**
 * Sets `target[key]` as an own data property. Plain assignment with a key taken from the data
 * would, for the key `__proto__`, replace the object's prototype instead (the parameter is then
 * lost from the document); Proxmox names are data, so every key must stay a key.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
