import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  // Content-Security-Policy (with a nonce per response) is set by the production server,
  // lib/cli/serve.mjs: a header here would replace it. `npm run dev` runs without one.
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  // Browsers honour HSTS only on responses that came over https (RFC 6797 §8.1), so sending it
  // always is the same as sending it "when served over https", behind a TLS proxy included.
  { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
];

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly from its own package folder: the bundler must leave it alone.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter'],
  poweredByHeader: false,
  // Inspection attachments (≤ 5 MB) are uploaded through a server action; a larger body is refused.
  experimental: { serverActions: { bodySizeLimit: '6mb' } },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
