// Any /api/v1 path without a handler answers the API's JSON error shape (404 {error: {code, key,
// message}}), never the site's HTML "not found" page: an integrator's client parses every answer.
import { errorResponse } from '@/lib/api/route';
import { notFound } from '@/lib/errors';

const unknownPath = async (request: Request) => errorResponse(request, notFound());

export { unknownPath as DELETE, unknownPath as GET, unknownPath as PATCH, unknownPath as POST };
