import type { OutputStream } from '../run/runtime.js';

const HEADER_LENGTH = 8;

/**
 * A reader of Docker's multiplexed attach stream (non-TTY): frames of an 8-byte header — stream type
 * (1 stdout, 2 stderr), three zero bytes, a big-endian length — then that many bytes. Frames may be cut
 * anywhere by the transport, so partial headers and bodies are kept until the rest arrives.
 */
export function createDemultiplexer(
  onOutput: (stream: OutputStream, chunk: Buffer) => void,
): (data: Buffer) => void {
  let buffered: Buffer = Buffer.alloc(0);
  return (data) => {
    buffered = buffered.length ? Buffer.concat([buffered, data]) : data;
    while (buffered.length >= HEADER_LENGTH) {
      const length = buffered.readUInt32BE(4);
      if (buffered.length < HEADER_LENGTH + length) break;
      const stream: OutputStream = buffered[0] === 2 ? 'stderr' : 'stdout';
      if (length > 0) onOutput(stream, buffered.subarray(HEADER_LENGTH, HEADER_LENGTH + length));
      buffered = buffered.subarray(HEADER_LENGTH + length);
    }
  };
}
