// Reads a request body up to a byte limit while it streams in: an oversized body is refused as soon
// as it crosses the limit (or at once when Content-Length already says so), never buffered whole.

export class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
}

export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge(`body over ${maxBytes} bytes`);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading, without cancelling: cancelling destroys the socket before the 413 goes out.
      // Unread, the stream applies backpressure, and the server closes the connection after answering.
      reader.releaseLock();
      throw new BodyTooLarge(`body over ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}
