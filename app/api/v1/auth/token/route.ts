// POST /api/v1/auth/token — {username, password} → {token, expiresAt}; the sign-in limits apply (the address limit and the
// username wait; no cookie, so never a known device).
import { z } from 'zod';
import { errorResponse, json, readJson } from '@/lib/api/route';
import { issueApiToken } from '@/lib/auth/api-token';
import { authenticate } from '@/lib/auth/authenticate';
import { clientAddress } from '@/lib/auth/next-auth';
import { requestIdFrom } from '@/lib/auth/session';
import { parseInput } from '@/lib/errors';

const tokenRequest = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

export async function POST(request: Request) {
  try {
    const input = parseInput(tokenRequest, await readJson(request));
    const user = await authenticate({ ...input, address: clientAddress(request.headers) });
    const { token, expiresAt } = await issueApiToken(user.id, user.username, requestIdFrom(request.headers));
    return json({ token, expiresAt }, 201);
  } catch (error) {
    return errorResponse(request, error);
  }
}
