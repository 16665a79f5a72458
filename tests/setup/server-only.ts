// Vitest stand-in for the 'server-only' marker package: route handlers are imported in access tests.
export {};
