import type { MetadataRoute } from 'next';

/** The web app manifest: officers install the app on their phone's home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Vay vốn Hội LHPN',
    short_name: 'Vay vốn HLV',
    description: 'Tổ tiết kiệm và vay vốn, thu nợ, tiết kiệm, kiểm tra — Hội Liên hiệp Phụ nữ Việt Nam',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#9f1239',
    lang: 'vi',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    ],
  };
}
