/** Every browser-suite test, in run order: one list, read by the Playwright spec (browser.spec.ts). */
import { tests as accessibilityTests } from './accessibility.test';
import { tests as aiCampaignTests } from './ai-campaigns.test';
import { tests as electronTests } from './electron-smoke.test';
import { tests as firstRunTests } from './first-run.test';
import { tests as flowTests } from './flows.test';
import { tests as screenTests } from './screens.test';
import type { BrowserTest } from './suite';
import { tests as syncTests } from './sync-settings.test';
import { tests as taskTests } from './tasks.test';
import { tests as tableTests } from './virtual-table.test';
import { tests as hostTests } from './web-host.test';

export const ALL: BrowserTest[] = [
  ...hostTests,
  ...firstRunTests,
  ...flowTests,
  ...syncTests,
  ...taskTests,
  ...aiCampaignTests,
  ...screenTests,
  ...tableTests,
  ...accessibilityTests,
  ...electronTests,
];
