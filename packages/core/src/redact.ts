const bearer = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const keyLike = /\b(sk-[A-Za-z0-9_-]{3})[A-Za-z0-9_-]{8,}/g;

/**
 * Removes secrets from text that may reach an error, a log or a hook: every
 * given secret verbatim, `Bearer <token>` values, and `sk-...` key shapes.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  return redactSecrets(text, secrets).replace(bearer, "$1[redacted]").replace(keyLike, "$1[redacted]");
}

/**
 * Removes every given secret verbatim, and nothing else: for text that must
 * otherwise stay as it was (a recorded answer that may mention "sk-...").
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Placeholder keys such as Ollama's "ollama" are not secrets, and short ones would over-match.
    if (secret.length >= 8 && result.includes(secret)) result = result.split(secret).join("[redacted]");
  }
  return result;
}
