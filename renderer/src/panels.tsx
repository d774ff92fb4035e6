// The shell panels reachable from the sidebar's bottom buttons. A capability adds its panel here.
import type { ReactNode } from 'react';
import { Bell, Download, FolderSync, Settings, type LucideIcon } from 'lucide-react';
import type { Panel } from '../../electron/core/bridge/contract-shell.ts';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { DownloadsPanel, DownloadsStatus } from './shell/DownloadsPanel.tsx';
import { ShellSettings } from './shell/ShellSettings.tsx';
import { SyncPanel } from './sync/SyncPanel.tsx';
import { SyncStatus } from './sync/SyncStatus.tsx';
import { SyncSettings } from './sync/SyncSettings.tsx';
import { NotificationsPanel } from './matrix/NotificationsPanel.tsx';
import { ChatStatus } from './matrix/ChatStatus.tsx';
import { UpdateNotice } from './shell/UpdateNotice.tsx';
import { CatalogSourceStatus } from './shell/CatalogSourceStatus.tsx';
import { CatalogSourceSettings } from './shell/CatalogSourceSettings.tsx';
import { SignInOffers } from './shell/SignInOffers.tsx';

export interface PanelEntry {
  id: Panel;
  /** i18n key in the `common` namespace. */
  labelKey: string;
  /** Shown beside the visible label (lucide icon set). */
  icon: LucideIcon;
  render(): ReactNode;
}

export const panels: PanelEntry[] = [
  { id: 'settings', labelKey: 'openSettings', icon: Settings, render: () => <SettingsPage sections={<><ShellSettings /><SyncSettings /><CatalogSourceSettings /></>} /> },
  { id: 'sync', labelKey: 'sync:title', icon: FolderSync, render: () => <SyncPanel /> },
  { id: 'downloads', labelKey: 'shell:downloadsTitle', icon: Download, render: () => <DownloadsPanel /> },
  { id: 'notifications', labelKey: 'matrix:title', icon: Bell, render: () => <NotificationsPanel /> },
];

/** Small status-bar items, left to right. */
export const statusItems: Array<{ id: string; render(): ReactNode }> = [
  { id: 'sync', render: () => <SyncStatus /> },
  { id: 'downloads', render: () => <DownloadsStatus /> },
  { id: 'chat', render: () => <ChatStatus /> },
  { id: 'update', render: () => <UpdateNotice /> },
  { id: 'catalog-source', render: () => <CatalogSourceStatus /> },
  { id: 'sign-in-offers', render: () => <SignInOffers /> },
];
