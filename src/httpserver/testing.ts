/** Test helpers for any HTTP listener: requests sent byte for byte, as a hostile client would send them. */
import { connect } from 'node:net';

/** Sends `text` as is on a new connection to 127.0.0.1:`port` and returns all the server wrote before closing. */
export function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => {
      resolve(answer);
    });
    socket.on('error', reject);
  });
}

/** One request with `Connection: close` (plus `extra` header lines), answered raw. */
export function askRaw(port: number, method: string, path: string, extra = ''): Promise<string> {
  return rawRequest(port, `${method} ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${extra}\r\n`);
}

/** The status line of a raw answer. */
export const statusLine = (answer: string): string => answer.slice(0, answer.indexOf('\r\n'));

/** The body of a raw answer. */
export const bodyOf = (answer: string): string => answer.slice(answer.indexOf('\r\n\r\n') + 4);
