/** The file name of a model spec (a path, `hf:user/repo/file.gguf` or a URL), for base URLs and model ids. */
export function modelFileName(spec: string): string {
  const withoutQuery = spec.replace(/[?#].*$/, "");
  const parts = withoutQuery.split(/[\\/]/).filter((part) => part.length > 0);
  return parts[parts.length - 1] ?? spec;
}

/** The base URL a local model reports in errors: `local:<file name>`. */
export function localBaseURL(spec: string): string {
  return `local:${modelFileName(spec)}`;
}
