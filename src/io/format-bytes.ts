/** Bytes as a person reads them: 52.1 GB, 310 MB (binary units, as RAM is sold). */
export function formatBytes(n: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${n >= 100 ? Math.round(n) : Number(n.toPrecision(3))} ${units[i]}`;
}
