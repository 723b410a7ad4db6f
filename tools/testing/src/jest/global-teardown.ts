/** Jest global teardown: releases what the global setup started for this run only. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__partnerPortalTestInfra?.release();
}
