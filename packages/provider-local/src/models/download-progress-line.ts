function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/** One progress line of a model download, e.g. `cortex-ml: downloading model.gguf 12.5/100.0 MB (12%)`. */
export function downloadProgressLine(fileName: string, downloadedBytes: number, totalBytes: number): string {
  const percent = totalBytes > 0 ? ` (${Math.floor((downloadedBytes / totalBytes) * 100)}%)` : "";
  return `cortex-ml: downloading ${fileName} ${megabytes(downloadedBytes)}/${megabytes(totalBytes)} MB${percent}`;
}
