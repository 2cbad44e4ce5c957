/** The sandbox's admin API (loopback only), as the tests call it: JSON in, JSON out, an error naming the route on a non-2xx. */
export async function sandboxAdmin(sandboxUrl: string, method: 'GET' | 'POST' | 'DELETE', route: string, body?: object): Promise<any> {
  const response = await fetch(`${sandboxUrl}/_sandbox/${route}`, {
    method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`sandbox ${method} ${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
