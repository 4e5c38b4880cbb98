/** What replaces a secret wherever the runner reports text. */
export const MASK = '***';

/**
 * Secrets shorter than this are not masked: masking "1" or "on" would garble every log
 * while hiding nothing worth hiding.
 */
export const MIN_SECRET_LENGTH = 3;

/**
 * A secret and, when it spans lines, each of its lines (trimmed too): a program may print a key file line
 * by line, with other line ends (CR, CRLF), or only its first line. Lines shorter than MIN_SECRET_LENGTH
 * are then dropped like any short secret.
 */
function withEachLine(secret: string): string[] {
  if (!/[\r\n]/.test(secret)) return [secret];
  const lines = secret.split(/\r\n|\r|\n/);
  return [secret, ...lines, ...lines.map((line) => line.trim())];
}

/** Replaces secrets in whole strings (outputs, reasons) and builds per-stream maskers for log chunks. */
export class SecretMasker {
  /** Longest first, so a secret containing another is masked whole. */
  private readonly secrets: string[];
  private readonly firstCharacters: Set<string>;
  private readonly longest: number;

  constructor(secrets: Iterable<string>) {
    const unique = new Set(
      [...secrets].flatMap(withEachLine).filter((secret) => secret.length >= MIN_SECRET_LENGTH),
    );
    this.secrets = [...unique].sort((a, b) => b.length - a.length);
    this.firstCharacters = new Set(this.secrets.map((secret) => secret.charAt(0)));
    this.longest = this.secrets[0]?.length ?? 0;
  }

  get isEmpty(): boolean {
    return this.secrets.length === 0;
  }

  /** `text` with every secret replaced by `***`. */
  mask(text: string): string {
    if (this.isEmpty) return text;
    return this.scan(text, true).masked;
  }

  /** A masker for one stream of chunks (one per step and stream), which catches secrets split across chunks. */
  stream(): StreamMasker {
    return new StreamMasker(this);
  }

  /**
   * Mask `text`. Unless `final`, a tail that could be the start of a secret is held back and returned as
   * `pending`, to be prefixed to the next chunk.
   */
  scan(text: string, final: boolean): { masked: string; pending: string } {
    let masked = '';
    let i = 0;
    let copiedUpTo = 0;
    while (i < text.length) {
      if (!this.firstCharacters.has(text.charAt(i))) {
        i++;
        continue;
      }
      const whole = this.secrets.find((secret) => text.startsWith(secret, i));
      if (whole !== undefined) {
        masked += text.slice(copiedUpTo, i) + MASK;
        i += whole.length;
        copiedUpTo = i;
        continue;
      }
      // Only the last few characters can be the first part of a secret that the next chunk completes.
      if (!final && text.length - i < this.longest) {
        const rest = text.slice(i);
        if (this.secrets.some((secret) => secret.startsWith(rest))) {
          return { masked: masked + text.slice(copiedUpTo, i), pending: rest };
        }
      }
      i++;
    }
    return { masked: masked + text.slice(copiedUpTo), pending: '' };
  }
}

/** Masks one stream chunk by chunk, keeping back a tail that may be the first part of a secret. */
export class StreamMasker {
  private pending = '';

  constructor(private readonly masker: SecretMasker) {}

  /** The part of `chunk` (after what was held back) that is safe to show now. */
  push(chunk: string): string {
    if (this.masker.isEmpty) return chunk;
    const { masked, pending } = this.masker.scan(this.pending + chunk, false);
    this.pending = pending;
    return masked;
  }

  /** What is still held back, at the end of the stream (it is no whole secret). */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return this.masker.mask(rest);
  }
}
