import { describe, expect, it } from 'vitest';
import { parseTc3Authorization, tc3Authorization, tc3Signature } from './tc3-signature';

// The worked example of Tencent Cloud's "Signature v3" page (DescribeInstances on cvm), keys as the page prints them.
const documented = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  timestamp: 1551113065,
};

describe('TC3-HMAC-SHA256 signature', () => {
  it('reproduces the signature and Authorization header of the documented example', () => {
    expect(tc3Signature(documented)).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c');
    expect(tc3Authorization(documented)).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });

  it('changes with the body, the key, the host and the day', () => {
    const base = tc3Signature(documented);
    expect(tc3Signature({ ...documented, payload: documented.payload.replace('1', '2') })).not.toBe(base);
    expect(tc3Signature({ ...documented, secretKey: 'other' })).not.toBe(base);
    expect(tc3Signature({ ...documented, host: 'sms.tencentcloudapi.com' })).not.toBe(base);
    expect(tc3Signature({ ...documented, timestamp: documented.timestamp + 86_400 })).not.toBe(base);
  });

  it('parses its own header back into its parts', () => {
    expect(parseTc3Authorization(tc3Authorization({ ...documented, service: 'sms' }))).toMatchObject({
      secretId: documented.secretId,
      date: '2019-02-25',
      service: 'sms',
      signedHeaders: 'content-type;host',
    });
    expect(parseTc3Authorization('Bearer abc')).toBeNull();
  });
});
