/** The app manifest as the app package tests read it: rendered with the test values, and the one bot it declares. */
import { renderManifest } from '../../scripts/package-app';
import { TEST_VALUES } from './packageTestValues';

export interface ManifestCommand { title: string; description: string }
export interface ManifestCommandList { scopes: string[]; commands: ManifestCommand[] }
export interface ManifestBot {
  botId: string; scopes: string[]; commandLists: ManifestCommandList[];
  supportsFiles: boolean; isNotificationOnly: boolean; needsChannelSelector?: boolean;
}

/** appPackage/manifest.json with the test values in place of its placeholders. */
export function renderedManifest(): Record<string, unknown> {
  return renderManifest(TEST_VALUES);
}

/** The manifest's bot (it declares exactly one). */
export function manifestBot(m = renderedManifest()): ManifestBot {
  return (m.bots as ManifestBot[])[0]!;
}
