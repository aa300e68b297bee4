/**
 * How a vocabulary character is shown in a label: visibly, and never as a character that is
 * invalid in XML. A space becomes ␣, a tab →, a lone combining mark sits on ◌, and other
 * invisible or control characters become �.
 */
export function displayChar(ch: string): string {
  if (ch === " ") return "\u2423";
  if (ch === "\t") return "\u2192";
  if (/^\p{M}$/u.test(ch)) return "\u25CC" + ch;
  if (/^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}]$/u.test(ch)) return "\uFFFD";
  return ch;
}
