import { after, before } from 'node:test';
import { LspTestClient, type StartOptions } from './lsp-test-client.js';
import { fixtureUri } from './fixtures.js';
import { withCursor } from './cursor.js';

/**
 * One server for the tests of a file: started before them, stopped after.
 * `session.client` is ready inside tests; `openWithCursor` opens a fresh document per call.
 */
export function useServer(options?: StartOptions): {
  readonly client: LspTestClient;
  openWithCursor(
    fixture: string,
    marker?: string,
  ): Promise<{ uri: string; text: string; position: { line: number; character: number } }>;
} {
  let client: LspTestClient | undefined;
  let counter = 0;
  before(async () => {
    client = await LspTestClient.start(options);
  });
  after(async () => {
    await client?.stop();
  });
  return {
    get client() {
      if (!client) throw new Error('the server is not started yet');
      return client;
    },
    async openWithCursor(fixture, marker) {
      const { text, position } = withCursor(fixture, marker);
      const uri = fixtureUri(`cursor-${++counter}.dagger.yaml`);
      await this.client.open(uri, text);
      return { uri, text, position };
    },
  };
}
