// The Files section of the settings: which folders sync (the local folder, typed or chosen in the
// desktop's folder dialog; the server folder, and which of its subfolders, from a tree of the
// server's folders with their sizes), the ignore patterns, and the limits (bandwidth, the delete
// threshold, the free-space reserve).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context.tsx';
import { LockedNote, SettingText } from '../settings/fields.tsx';
import { useSettings } from '../settings/use-settings.tsx';
import { formatBytes } from './format.ts';
import { TechnicalDetails } from '../shared/TechnicalDetails.tsx';

type Folder = { path: string; name: string; size: number | null };

const trimSlashes = (p: string): string => p.replace(/^\/+|\/+$/g, '');

/** One folder of the tree: a checkbox (synced or not), its size, and its subfolders on demand. */
function FolderRow({ folder, base, excluded, locked, toggle }: { folder: Folder; base: string; excluded: string[]; locked: boolean; toggle(rel: string, synced: boolean): void }) {
  const { t, i18n } = useTranslation('sync');
  const api = useBridge();
  const [children, setChildren] = useState<Folder[] | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rel = trimSlashes(base ? folder.path.slice(base.length) : folder.path);
  const synced = !excluded.some((x) => rel === x || rel.startsWith(`${x}/`));
  const expand = async (): Promise<void> => {
    setOpen(!open);
    if (children || open) return;
    try {
      setChildren((await api['sync.serverFolders']({ path: folder.path })).folders);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <li>
      <button type="button" className="folder-expand" aria-expanded={open} onClick={() => void expand()}>
        {t(open ? 'settings.collapse' : 'settings.expand', { name: folder.name })}
      </button>
      <label>
        <input type="checkbox" checked={synced} disabled={locked} onChange={(event) => toggle(rel, event.target.checked)} /> {folder.name}
      </label>
      {folder.size !== null && <span className="muted"> {formatBytes(folder.size, i18n.language)}</span>}
      {error && <p role="alert" className="error">{t('settings.folderError', { message: error })}</p>}
      {open && children && children.length > 0 && (
        <ul>
          {children.map((child) => <FolderRow key={child.path} folder={child} base={base} excluded={excluded} locked={locked} toggle={toggle} />)}
        </ul>
      )}
    </li>
  );
}

/** The server's folders in `path` (null: none asked for), or why they could not be listed. */
function useServerFolders(path: string | null): { folders: Folder[] | null; error: string | null } {
  const api = useBridge();
  const [answer, setAnswer] = useState<{ folders: Folder[] | null; error: string | null }>({ folders: null, error: null });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setAnswer({ folders: null, error: null });
    api['sync.serverFolders']({ path }).then(
      (got) => live && setAnswer({ folders: got.folders, error: null }),
      (failure: unknown) => live && setAnswer({ folders: null, error: failure instanceof Error ? failure.message : String(failure) }),
    );
    return () => {
      live = false;
    };
  }, [api, path]);
  return answer;
}

function SelectiveSync() {
  const { t } = useTranslation('sync');
  const { view, set, isLocked } = useSettings();
  const base = trimSlashes(String(view?.values['sync.remoteDir'] ?? '/'));
  const { folders, error } = useServerFolders(base);
  const excluded = (view?.values['sync.excludedFolders'] as string[] | undefined) ?? [];
  const toggle = (rel: string, synced: boolean): void => {
    // Unticking a folder leaves it (and all below) on the server only; ticking it brings it back.
    const rest = excluded.filter((x) => x !== rel && !x.startsWith(`${rel}/`));
    void set('sync.excludedFolders', synced ? rest : [...rest, rel].sort());
  };
  return (
    <fieldset className="selective-sync">
      <legend>{t('settings.whichFolders')}</legend>
      <p className="muted">{t('settings.whichFoldersHint')}</p>
      <LockedNote settingKey="sync.excludedFolders" />
      {error && <p role="alert" className="error">{t('settings.folderError', { message: error })}</p>}
      {!error && folders === null && <p>{t('settings.loadingFolders')}</p>}
      {folders && folders.length === 0 && <p>{t('settings.noSubfolders')}</p>}
      {folders && folders.length > 0 && (
        <ul className="folder-tree">
          {folders.map((folder) => (
            <FolderRow key={folder.path} folder={folder} base={base} excluded={excluded} locked={isLocked('sync.excludedFolders')} toggle={toggle} />
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function IgnorePatterns() {
  const { t } = useTranslation('sync');
  const api = useBridge();
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api['sync.ignorePatterns']({}).then((answer) => setText(answer.text));
  }, [api]);
  if (text === null) return null;
  const save = async (): Promise<void> => {
    setError(null);
    try {
      await api['sync.setIgnorePatterns']({ text });
      setSaved(true);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <div className="field">
      <label htmlFor="sync-ignore">{t('settings.ignore')}</label>
      <p className="muted" id="sync-ignore-hint">{t('settings.ignoreHint')}</p>
      <textarea id="sync-ignore" aria-describedby="sync-ignore-hint" rows={5} value={text} onChange={(event) => { setText(event.target.value); setSaved(false); }} />
      <button type="button" onClick={() => void save()}>{t('settings.ignoreSave')}</button>
      {saved && <span role="status"> {t('settings.ignoreSaved')}</span>}
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}

/** The free-space reserve: empty is automatic (null), a number is MiB, 0 is none. */
function KeepFree() {
  const { t } = useTranslation('sync');
  const { view, set, isLocked } = useSettings();
  if (!view) return null;
  const value = view.values['sync.freeSpaceReserveMiB'] as number | null;
  return (
    <div className="field">
      <label htmlFor="sync-keep-free">{t('settings.keepFree')}</label>
      <input id="sync-keep-free" key={String(value)} type="number" min={0} aria-describedby="sync-keep-free-hint" placeholder={t('settings.keepFreeAutomatic')}
        defaultValue={value === null ? '' : String(value)} disabled={isLocked('sync.freeSpaceReserveMiB')}
        onBlur={(event) => void set('sync.freeSpaceReserveMiB', event.target.value.trim() === '' ? null : Number(event.target.value))} />
      <span className="muted" id="sync-keep-free-hint">{t('settings.keepFreeHint')}</span>
      <LockedNote settingKey="sync.freeSpaceReserveMiB" />
    </div>
  );
}

/** The desktop's folder dialog for the local folder; hidden where there is none (the preview host): the typed path stays. */
function LocalFolderChooser() {
  const { t } = useTranslation('sync');
  const api = useBridge();
  const { view, set, isLocked } = useSettings();
  const [desktop, setDesktop] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api['app.info']({}).then((info) => live && setDesktop(info.host === 'electron'));
    return () => {
      live = false;
    };
  }, [api]);
  if (!view || !desktop || isLocked('sync.localDir')) return null;
  const choose = async (): Promise<void> => {
    setError(null);
    try {
      const { path } = await api['sync.chooseLocalFolder']({});
      if (path) await set('sync.localDir', path);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <>
      <button type="button" onClick={() => void choose()}>{t('settings.chooseLocal')}</button>
      {error && <div role="alert" className="error"><p>{t('settings.chooseLocalFailed')}</p><TechnicalDetails text={error} /></div>}
    </>
  );
}

/** Browse the server from the account's root and choose the folder that syncs. */
function ServerFolderPicker() {
  const { t } = useTranslation('sync');
  const { view, set, isLocked } = useSettings();
  const [at, setAt] = useState<string | null>(null);
  const { folders, error } = useServerFolders(at);
  if (!view || isLocked('sync.remoteDir')) return null;
  if (at === null) return <button type="button" onClick={() => setAt(trimSlashes(String(view.values['sync.remoteDir'] ?? '')))}>{t('settings.browse')}</button>;
  return (
    <div className="folder-picker" role="group" aria-label={t('settings.browseLabel')}>
      <p>{t('settings.browseAt', { path: `/${at}` })}</p>
      {error && <p role="alert" className="error">{t('settings.folderError', { message: error })}</p>}
      <ul>
        {at !== '' && <li><button type="button" onClick={() => setAt(at.split('/').slice(0, -1).join('/'))}>{t('settings.up')}</button></li>}
        {(folders ?? []).map((f) => <li key={f.path}><button type="button" onClick={() => setAt(f.path)}>{f.name}</button></li>)}
      </ul>
      <button type="button" onClick={() => { void set('sync.remoteDir', `/${at}`); setAt(null); }}>{t('settings.chooseThis', { path: `/${at}` })}</button>
      <button type="button" onClick={() => setAt(null)}>{t('settings.cancel')}</button>
    </div>
  );
}

export function SyncSettings() {
  const { t } = useTranslation('sync');
  return (
    <section aria-labelledby="sync-settings-heading" className="settings-section">
      <h2 id="sync-settings-heading">{t('settings.heading')}</h2>
      <SettingText settingKey="sync.localDir" label={t('settings.localDir')} />
      <LocalFolderChooser />
      <SettingText settingKey="sync.remoteDir" label={t('settings.remoteDir')} />
      <ServerFolderPicker />
      <SelectiveSync />
      <IgnorePatterns />
      <SettingText settingKey="sync.uploadLimitKiBps" label={t('settings.uploadLimit')} type="number" />
      <SettingText settingKey="sync.downloadLimitKiBps" label={t('settings.downloadLimit')} type="number" />
      <SettingText settingKey="sync.deleteThresholdFiles" label={t('settings.deleteThreshold')} type="number" />
      <KeepFree />
    </section>
  );
}
