// Every e2e file: a failed test prints where each open page stood (what it showed, which worker
// requests were unanswered, what it logged last), so a CI log explains any timeout, not only the
// waits that catch their own.
import { beforeEach } from 'vitest';
import { describeOpenPages } from './app';

beforeEach(({ onTestFailed }) => {
  onTestFailed(async () => {
    const pages = await describeOpenPages();
    if (pages) console.log(`The test failed. Open pages:\n${pages}`);
  });
});
