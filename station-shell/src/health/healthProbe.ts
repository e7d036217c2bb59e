/**
 * One probe of the hall-server's liveness route (GET /health, public, hall-server api/routes.ts). "Answered" means
 * an HTTP status below 500 within the timeout: a 429 from the /health rate limit still proves the server is there;
 * a refused connection, a timeout or a 5xx (a proxy whose hall-server is down) does not.
 */

/** Whether GET `healthUrl` is answered below 500 within `timeoutMs`. Never rejects. */
export async function probeHealth(healthUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(healthUrl, { cache: "no-store", signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status < 500;
  } catch {
    return false;
  }
}
