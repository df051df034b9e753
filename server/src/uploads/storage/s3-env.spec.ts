import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../config/env';

const base = { PHONE_ENCRYPTION_KEY: 'k'.repeat(16), QUERY_CODE_SECRET: 'q'.repeat(16) };
const s3 = { S3_ENDPOINT: 'https://oss.example.gov.cn/', S3_BUCKET: 'sa-photos', S3_ACCESS_KEY_ID: 'AK', S3_SECRET_ACCESS_KEY: 'SK' };

describe('photo storage configuration', () => {
  it('keeps photos on local disk when no S3 variable is set', () => {
    expect(parseEnv(base).s3).toBeUndefined();
  });

  it('uses S3 when all four are set: region us-east-1, 3 attempts of at most 20 s, no session token unless given', () => {
    expect(parseEnv({ ...base, ...s3 }).s3).toEqual({
      endpoint: 'https://oss.example.gov.cn',
      bucket: 'sa-photos',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      sessionToken: undefined,
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 3,
      requestTimeoutMs: 20_000,
    });
    expect(parseEnv({ ...base, ...s3, S3_REGION: 'cn-east-1' }).s3?.region).toBe('cn-east-1');
    expect(parseEnv({ ...base, ...s3, S3_SESSION_TOKEN: 'sts-token', S3_MAX_ATTEMPTS: '5', S3_TIMEOUT_MS: '8000' }).s3).toMatchObject({
      sessionToken: 'sts-token',
      maxAttempts: 5,
      requestTimeoutMs: 8_000,
    });
    expect(() => parseEnv({ ...base, ...s3, S3_MAX_ATTEMPTS: '0' })).toThrow(/S3_MAX_ATTEMPTS/);
  });

  it.each([
    ['http://127.0.0.1:9000', true],
    ['http://minio:9000', true],
    ['https://oss.example.gov.cn', true],
    ['https://s3.cn-north-1.amazonaws.com.cn', false],
    ['https://s3.us-east-1.amazonaws.com', false],
    ['https://oss-cn-hangzhou.aliyuncs.com', false],
    ['https://cos.ap-shanghai.myqcloud.com', false],
  ])('addresses %s path-style: %s, unless S3_FORCE_PATH_STYLE says otherwise', (endpoint, pathStyle) => {
    expect(parseEnv({ ...base, ...s3, S3_ENDPOINT: endpoint }).s3?.forcePathStyle).toBe(pathStyle);
    expect(parseEnv({ ...base, ...s3, S3_ENDPOINT: endpoint, S3_FORCE_PATH_STYLE: pathStyle ? 'false' : '1' }).s3?.forcePathStyle).toBe(!pathStyle);
  });

  it('refuses to start with half an S3 configuration, naming what is missing', () => {
    expect(() => parseEnv({ ...base, S3_ENDPOINT: s3.S3_ENDPOINT, S3_BUCKET: s3.S3_BUCKET })).toThrow(EnvError);
    expect(() => parseEnv({ ...base, S3_ENDPOINT: s3.S3_ENDPOINT, S3_BUCKET: s3.S3_BUCKET })).toThrow(/S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/);
    expect(() => parseEnv({ ...base, ...s3, S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
  });
});
