/**
 * Puts a file's bytes into the upload session Teams hands the bot when a person accepts a FileConsentCard
 * (`uploadInfo.uploadUrl`, a OneDrive for Business upload session). The URL already authorises the upload: no
 * Authorization header is sent. A file up to 4 MiB goes in one PUT (`Content-Range: bytes 0-(n-1)/n`); a larger one
 * in consecutive ranges of 10 × 320 KiB (OneDrive wants ranges in multiples of 320 KiB; each stays under 4 MiB),
 * where the service answers 202 until the last range and 200/201 after it.
 *
 * Only https URLs are used (Teams gives SharePoint/OneDrive ones); http to this machine (127.0.0.1, localhost, ::1)
 * only when `allowLoopbackHttp` (local and sandbox mode). Anything else is refused before a byte leaves.
 */
import { OutboundHttpError, type OutboundHttp } from '../http/outboundHttp';

/** Up to this size a file goes in one request. */
export const SINGLE_PUT_MAX_BYTES = 4 * 1024 * 1024;
/** The range size of a larger file: a multiple of 320 KiB, under 4 MiB. */
export const UPLOAD_RANGE_BYTES = 10 * 320 * 1024;

export interface UploadSessionOptions {
  http: OutboundHttp;
  /** Local and sandbox mode: http://127.0.0.1, localhost and [::1] are allowed too. */
  allowLoopbackHttp: boolean;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

/** Why an upload did not complete, in words for the person (no URL: it may carry a token of its own). */
export class FileUploadError extends Error {
  constructor(readonly kind: 'refused-url' | 'status' | 'no-answer', message: string, readonly status?: number) {
    super(message);
    this.name = 'FileUploadError';
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** null when the bot may PUT to the URL; otherwise why not. */
export function uploadUrlProblem(url: string, allowLoopbackHttp: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the upload address is not a URL';
  }
  if (parsed.username || parsed.password) return 'the upload address carries credentials';
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && allowLoopbackHttp && LOOPBACK_HOSTS.has(parsed.hostname)) return null;
  return allowLoopbackHttp ? 'the upload address must be https (or http on this machine)' : 'the upload address must be https';
}

export class UploadSessionClient {
  constructor(private readonly options: UploadSessionOptions) {}

  /** Whether a URL Teams gave may be used (for the upload and for the file's link). */
  problemWith(url: string): string | null {
    return uploadUrlProblem(url, this.options.allowLoopbackHttp);
  }

  /** Sends every byte of `bytes` to the upload session; resolves once the service has the whole file. */
  async upload(uploadUrl: string, bytes: Uint8Array, logIds: Readonly<Record<string, string>> = {}): Promise<void> {
    const problem = this.problemWith(uploadUrl);
    if (problem) throw new FileUploadError('refused-url', `Nothing was uploaded: ${problem}.`);
    const total = bytes.byteLength;
    if (total === 0) throw new FileUploadError('refused-url', 'Nothing was uploaded: the file is empty.');
    const rangeSize = total <= SINGLE_PUT_MAX_BYTES ? total : UPLOAD_RANGE_BYTES;
    for (let start = 0; start < total; start += rangeSize) {
      const end = Math.min(start + rangeSize, total) - 1;
      const last = end === total - 1;
      let response;
      try {
        response = await this.options.http.send({
          method: 'PUT', url: uploadUrl, step: 'Teams file upload', body: bytes.subarray(start, end + 1), timeoutMs: this.options.timeoutMs,
          headers: { 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${total}` }, logIds,
        });
      } catch (error) {
        if (error instanceof OutboundHttpError) {
          throw new FileUploadError('no-answer', `The file store did not answer in time (${error.kind === 'timeout' ? 'timeout' : 'network error'}) at byte ${start} of ${total}.`);
        }
        throw error;
      }
      if (!response.ok) {
        throw new FileUploadError('status', `The file store refused the upload with HTTP ${response.status} at byte ${start} of ${total}.`, response.status);
      }
      // A range before the last is acknowledged with 202; a final status earlier would mean the service took a shorter file.
      if (!last && response.status !== 202) {
        throw new FileUploadError('status', `The file store ended the upload early (HTTP ${response.status} at byte ${end + 1} of ${total}).`, response.status);
      }
    }
  }
}
