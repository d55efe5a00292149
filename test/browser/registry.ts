/** Every browser-suite test, in run order: one list, read by the Playwright spec (browser.spec.ts). */
import { tests as accessibilityTests } from './accessibility.test';
import { tests as aiCampaignTests } from './ai-campaigns.test';
import { tests as dialogTests } from './dialogs.test';
import { tests as bookTests } from './book.test';
import { tests as changeFeedTests } from './change-feed.test';
import { tests as editorTests } from './editors.test';
import { tests as duplicateTests } from './duplicates.test';
import { tests as electronTests } from './electron-smoke.test';
import { tests as firstRunTests } from './first-run.test';
import { tests as firstSyncTests } from './first-sync.test';
import { tests as flowTests } from './flows.test';
import { tests as leadPageTests } from './lead-page.test';
import { tests as listViewTests } from './list-views.test';
import { tests as mergeTests } from './merge.test';
import { tests as leadScoreTests } from './lead-score.test';
import { tests as policyScoreTests } from './policy-score.test';
import { tests as screenTests } from './screens.test';
import { tests as semanticTests } from './semantic.test';
import type { BrowserTest } from './suite';
import { tests as syncTests } from './sync-settings.test';
import { tests as taskTests } from './tasks.test';
import { tests as tableTests } from './virtual-table.test';
import { tests as hostTests } from './web-host.test';
import { tests as importExportTests } from './import-export.test';
import { tests as workListTests } from './work-lists.test';

export const ALL: BrowserTest[] = [
  ...hostTests,
  ...firstRunTests,
  ...flowTests,
  ...bookTests,
  ...duplicateTests,
  ...importExportTests,
  ...mergeTests,
  ...dialogTests,
  ...leadPageTests,
  ...leadScoreTests,
  ...semanticTests,
  ...policyScoreTests,
  ...workListTests,
  ...listViewTests,
  ...editorTests,
  ...syncTests,
  ...firstSyncTests,
  ...changeFeedTests,
  ...taskTests,
  ...aiCampaignTests,
  ...screenTests,
  ...tableTests,
  ...accessibilityTests,
  ...electronTests,
];
