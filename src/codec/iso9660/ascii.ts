/**
 * One byte per UTF-16 unit (its low byte), for d-characters, a-characters and SUSP signatures,
 * which the callers have already checked are ASCII. A plain loop: `Uint8Array.from(text, mapper)`
 * was the writer's largest single cost on seed-sized trees.
 */
export function encodeAscii(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}
