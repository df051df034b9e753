import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../config/env';

const base = { PHONE_ENCRYPTION_KEY: 'k'.repeat(16), QUERY_CODE_SECRET: 'q'.repeat(16) };
const s3 = { S3_ENDPOINT: 'https://oss.example.gov.cn/', S3_BUCKET: 'sa-photos', S3_ACCESS_KEY_ID: 'AK', S3_SECRET_ACCESS_KEY: 'SK' };

describe('photo storage configuration', () => {
  it('keeps photos on local disk when no S3 variable is set', () => {
    expect(parseEnv(base).s3).toBeUndefined();
  });

  it('uses S3 when all four are set, region us-east-1 unless given', () => {
    expect(parseEnv({ ...base, ...s3 }).s3).toEqual({
      endpoint: 'https://oss.example.gov.cn',
      bucket: 'sa-photos',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      region: 'us-east-1',
    });
    expect(parseEnv({ ...base, ...s3, S3_REGION: 'cn-east-1' }).s3?.region).toBe('cn-east-1');
  });

  it('refuses to start with half an S3 configuration, naming what is missing', () => {
    expect(() => parseEnv({ ...base, S3_ENDPOINT: s3.S3_ENDPOINT, S3_BUCKET: s3.S3_BUCKET })).toThrow(EnvError);
    expect(() => parseEnv({ ...base, S3_ENDPOINT: s3.S3_ENDPOINT, S3_BUCKET: s3.S3_BUCKET })).toThrow(/S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/);
    expect(() => parseEnv({ ...base, ...s3, S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
  });
});
