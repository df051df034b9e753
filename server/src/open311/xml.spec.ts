import { describe, expect, it } from 'vitest';
import { escapeXml, xmlList } from './xml';

describe('Open311 XML', () => {
  it('escapes markup and quotes, and drops characters XML cannot carry', () => {
    expect(escapeXml(`A&B <小吃> "店" 'x'`)).toBe('A&amp;B &lt;小吃&gt; &quot;店&quot; &apos;x&apos;');
    expect(escapeXml('a\u0000b\u0007c\u001bd\ufffee')).toBe('abcde');
    expect(escapeXml('行一\n行二\t😀')).toBe('行一\n行二\t😀');
  });

  it('writes the spec’s list documents: empty elements for nothing, undefined fields left out', () => {
    expect(xmlList('service_requests', 'request', [{ service_request_id: 'SA20261203-000001', service_notice: '已收到', account_id: null, lat: undefined }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>SA20261203-000001</service_request_id><service_notice>已收到</service_notice><account_id/></request></service_requests>\n',
    );
    expect(xmlList('services', 'service', [{ metadata: false, lat: 32.06 }])).toContain('<service><metadata>false</metadata><lat>32.06</lat></service>');
    expect(xmlList('errors', 'error', [])).toBe('<?xml version="1.0" encoding="utf-8"?>\n<errors></errors>\n');
  });

  it('refuses a field name that is not a plain element name rather than writing broken XML', () => {
    expect(() => xmlList('errors', 'error', [{ 'a b': 1 }])).toThrow();
  });
});
