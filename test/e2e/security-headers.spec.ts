import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser } from '../support/builders';
import { aComplaintWorld, aReportBody } from '../support/complaint-world';
import { startTestApp, type TestApp } from '../support/test-app';

// What a browser is told about the portal and the API: the security headers (helmet) and no caching of personal data.
describe('security headers', () => {
  let app: TestApp;
  let resident: string;
  let staff: string;
  let complaintId: number;

  beforeAll(async () => {
    app = await startTestApp();
    const { world, business } = await aComplaintWorld(app);
    await aUser().username('resident').named('张小梅').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff').office(world.office).build(app.prisma);
    resident = await app.login('resident');
    staff = await app.login('staff');
    const filed = await app.post('/api/v1/complaints', aReportBody(business), resident);
    expect(filed.status).toBe(201);
    complaintId = filed.body.id;
  });
  afterAll(async () => app?.close());

  const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

  it('the portal page: a CSP of this origin only that allows its own inline scripts by hash, no framing, nosniff', async () => {
    const res = await app.request('GET', '/');
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    const scriptSrc = csp.get('script-src') ?? [];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    // Every inline script of the page the server sends is allowed by its hash, and nothing else inline is.
    const inline = [...String(res.body).matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    expect(inline.length).toBeGreaterThan(0);
    expect(scriptSrc.filter((s) => s.startsWith("'sha256-")).sort()).toEqual(inline.sort());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('HSTS only on a request that came over TLS through the proxy, never over plain http', async () => {
    expect((await app.request('GET', '/api/health')).headers.get('strict-transport-security')).toBeNull();
    const viaTls = await app.request('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });

  it('nothing with personal data may be cached: contact details, my reports, one report, the inbox', async () => {
    const answers = [
      await app.get(`/api/v1/workbench/complaints/${complaintId}/contact`, staff),
      await app.get('/api/v1/complaints/mine', resident),
      await app.get(`/api/v1/complaints/${complaintId}`, resident),
      await app.get('/api/v1/me/notifications', resident),
      await app.get('/api/v1/me', resident),
    ];
    for (const res of answers) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});
