// What other projects use: the demo accounts and a client that signs in like a browser. The provider itself
// (identity-provider.ts, on oidc-provider) runs as its own process from main.ts.
export * from './accounts';
export * from './browser-sign-in';
