import http from 'node:http';

export interface RawAnswer {
  status: number;
  body: any;
  text: string;
  ms: number;
}

/**
 * Sends exactly the bytes and headers given (fetch would fix up what a hostile client leaves broken) and
 * reads the answer. Fails the test if the bot does not answer within `hangMs`: a hang, not a slow answer.
 */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; hangMs?: number }): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'POST', headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: any = null;
        try { body = text ? JSON.parse(text) : null; } catch { body = text; }
        resolve({ status: response.statusCode ?? 0, body, text, ms: performance.now() - started });
      });
      response.on('error', reject);
    });
    const hang = setTimeout(() => request.destroy(new Error(`no answer within ${options.hangMs ?? 10_000} ms`)), options.hangMs ?? 10_000);
    request.on('close', () => clearTimeout(hang));
    request.on('error', (error) => { clearTimeout(hang); reject(error); });
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** What a refusal must look like: a JSON `{ error }` with a short sentence, never internal text. */
export function isCleanRefusal(answer: RawAnswer): boolean {
  const error = answer.body?.error;
  return typeof error === 'string' && error.length > 0 && error.length <= 200
    && !/\bat [\w.<>]+ \(|node_modules|TypeError|ReferenceError|SyntaxError|ZodError|Unexpected token|stack/i.test(error);
}
