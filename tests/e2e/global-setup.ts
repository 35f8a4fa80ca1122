// Starts the production build on a local static server (and a recording proxy) for the e2e run.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../scripts/serve.js';
import { startRecordingProxy } from './proxy';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    proxyUrl: string;
    proxyLogUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync('build/index.html'))
    throw new Error('No production build: run `npm run build` first.');
  const server = await startServer({ root: 'build', port: 0 });
  const proxy = await startRecordingProxy(new URL(server.url).host);
  project.provide('baseUrl', server.url);
  project.provide('proxyUrl', proxy.url);
  project.provide('proxyLogUrl', proxy.logUrl);
  return async () => {
    await proxy.close();
    await server.close();
  };
}
