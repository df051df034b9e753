import { describe, expect, it } from 'vitest';
import { EMPTY_PAYLOAD_HASH, signV4, uriEncode } from './sigv4';

// The worked example of the S3 API reference ("Signature Calculations for the Authorization Header",
// GET Object with a Range header): credentials, request and expected signature as AWS publishes them.
const awsExample = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 's3' };

describe('SigV4 signing', () => {
  it("reproduces AWS's published signature for GET /test.txt", () => {
    const headers = signV4(
      { method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { Range: 'bytes=0-9' }, payloadHash: EMPTY_PAYLOAD_HASH },
      awsExample,
      new Date('2013-05-24T00:00:00Z'),
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
    expect(headers['x-amz-content-sha256']).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(headers).not.toHaveProperty('host');
  });

  it('signs a different request differently', () => {
    const sign = (path: string) =>
      signV4({ method: 'GET', url: new URL(`https://examplebucket.s3.amazonaws.com${path}`), headers: {}, payloadHash: EMPTY_PAYLOAD_HASH }, awsExample, new Date('2013-05-24T00:00:00Z'))
        .authorization;
    expect(sign('/a.jpg')).not.toBe(sign('/b.jpg'));
  });

  it('encodes everything but RFC 3986 unreserved characters', () => {
    expect(uriEncode("照片 (1)!*'~_-.jpg")).toBe('%E7%85%A7%E7%89%87%20%281%29%21%2A%27~_-.jpg');
  });
});
