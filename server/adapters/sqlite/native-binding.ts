/**
 * In the single binary (Node SEA) the better-sqlite3 addon is embedded as an asset and loaded by
 * the entry before anything opens a database; it registers the loaded addon here. From source,
 * undefined lets better-sqlite3 find its own prebuilt addon. (Its typings say string: a path; at run
 * time it also takes the loaded addon object, which is what the binary passes.)
 */
let binding: object | undefined;

export function setNativeBinding(addon: object): void {
  binding = addon;
}

export function nativeBinding(): object | undefined {
  return binding;
}
