import { describe, expect, it } from 'vitest';
import { Prisma } from '@/lib/db';
import { errorResponse } from './route';

// Collection day under load (issue 23 §5): a transaction that could not get a connection or ran out
// of time was answered 500 "system error". It is rolled back and the same request can be sent again:
// 503 with Retry-After and a message saying so; any other unknown error stays a 500.

const prismaError = (code: string) => new Prisma.PrismaClientKnownRequestError('busy', { code, clientVersion: '6.19.3' });
const request = (language = 'vi') => new Request('http://127.0.0.1/api/v1/x', { headers: { 'accept-language': language } });

describe('a database too busy to finish the request', () => {
  it.each(['P2024', 'P2028', 'P2034'])('%s answers 503, Retry-After, "nothing was saved, send it again"', async (code) => {
    const response = errorResponse(request(), prismaError(code));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('UNAVAILABLE');
    expect(body.error.message).toBe('Hệ thống đang bận nên chưa lưu gì cả. Vui lòng gửi lại sau vài giây.');
    const english = (await errorResponse(request('en'), prismaError(code)).json()) as { error: { message: string } };
    expect(english.error.message).toMatch(/busy, so nothing was saved/);
  });

  it('another database error is still a 500 system error', async () => {
    const response = errorResponse(request(), prismaError('P2003'));
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INTERNAL');
  });
});
