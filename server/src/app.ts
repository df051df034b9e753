import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import type { Env } from './config/env';
import type { Database } from './database/database';
import { ErrorFilter, INVALID_JSON_MESSAGE } from './common/exception.filter';
import { DomainException } from './common/domain-exception';
import { JsonLogger } from './common/logger';
import { requestLogging } from './common/request-log';

export type AppOptions = { env: Env; db: Database; logger?: JsonLogger };

/** Builds the HTTP application (not listening): used by main.ts and by tests on their own database. */
export async function createApp({ env, db, logger = new JsonLogger(env.logLevel) }: AppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env, db, logger), {
    logger,
    bodyParser: false,
  });
  // Idle keep-alive connections stay open longer than a load balancer's (60 s) and than a client's pause between
  // two requests: Node's 5 s default closes sockets a client is about to reuse, which it sees as ECONNRESET.
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // First, so every request has its id and its line, whatever answers it.
  app.use(requestLogging(logger));
  app.useBodyParser('json', { limit: '1mb' });
  // A body that is not JSON: said so here, since Nest turns body-parser's error into a bare 400 with the parser's
  // English message before any filter sees it.
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const type = (err as { type?: unknown } | null)?.type;
    next(type === 'entity.parse.failed' ? new DomainException('VALIDATION_FAILED', INVALID_JSON_MESSAGE) : err);
  });
  // gzip (or brotli, when the browser offers it) for the portal's scripts and the API's JSON alike: expressjs's own
  // middleware, negotiated by Accept-Encoding, skipping bodies under 1 KB where it would not pay.
  app.use(compression());
  const portalDir = env.portalDir ?? defaultPortalDir();
  const portalIndex = portalDir ? resolve(portalDir, 'index.html') : undefined;
  app.use(securityHeaders(portalIndex && existsSync(portalIndex) ? readFileSync(portalIndex, 'utf8') : ''));
  // API answers carry personal data: no cache keeps them unless a handler says otherwise.
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.useGlobalFilters(new ErrorFilter(logger));
  // None by default: otherwise any client on the same host picks its own address with X-Forwarded-For and escapes
  // every per-address limit. Behind a proxy, TRUST_PROXY names it.
  app.set('trust proxy', env.trustProxy);
  app.disable('x-powered-by');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('食安共治 API')
      .setDescription('区市场监管局食品安全共治平台接口。错误统一为 { code, message }。')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  // The privacy notice has a plain address for links and the WeChat console; the portal shows it at its hash route.
  app.getHttpAdapter().getInstance().get('/privacy', (_req: Request, res: Response) => res.redirect(302, '/#/pages/privacy/index'));

  if (portalDir && portalIndex && existsSync(portalIndex)) {
    app.useStaticAssets(resolve(portalDir), { index: 'index.html', setHeaders: setPortalCacheHeaders });
  }
  return app;
}

/**
 * helmet's headers for the portal and the API alike. The Content-Security-Policy allows this origin only: scripts
 * from it plus the portal's own inline scripts by their hashes (Taro's root font-size script in index.html), styles
 * inline too (Taro and its web components set style attributes), images also as data: and blob: (photo previews);
 * no framing (frame-ancestors 'none' and X-Frame-Options), no plugins. HSTS only on a request that came over TLS
 * (behind a proxy that says so): over plain http it means nothing, and a LAN demo must stay reachable.
 */
function securityHeaders(indexHtml: string) {
  const inlineScripts = [...indexHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScripts],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // blob: the photo or file a user picked is read back from its object URL before it is uploaded.
        connectSrc: ["'self'", 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // The portal's photos are fetched by the mini-program's own pages too; nothing here embeds other origins.
    crossOriginEmbedderPolicy: false,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
    headers(req, res, next);
  };
}

/** A file whose name carries its content hash (js/app.1a2b3c4d.js) never changes at that name. */
const HASHED_ASSET = /[.-][0-9a-f]{8}\.[a-z0-9]+$/i;

/**
 * Hashed scripts, styles and images: a year, immutable. index.html: always revalidated (no-cache, with its ETag),
 * so a new release is seen on the next visit. Anything else (favicon.ico): an hour.
 */
export function setPortalCacheHeaders(res: Response, path: string): void {
  const cache = path.endsWith('.html') ? 'no-cache' : HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
  res.setHeader('Cache-Control', cache);
}

function defaultPortalDir(): string | undefined {
  const candidates = [resolve(__dirname, '../../miniapp/dist/h5'), resolve(process.cwd(), 'miniapp/dist/h5')];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html')));
}
