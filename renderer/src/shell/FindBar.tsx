// Find in page for the desktop app's tab views: opened with Ctrl+F (in the shell, or forwarded
// by main when the key was pressed inside an app), Enter/Shift+Enter step, Escape closes.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronDown, ChevronUp, X } from 'lucide-react';
import { useBridge } from '../bridge/context.tsx';

export function FindBar({ appName }: { appName: string }) {
  const { t } = useTranslation('shell');
  const api = useBridge();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ matches: number; activeMatchOrdinal: number } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => api.on('shell.findOpen', () => setOpen(true)), [api]);
  useEffect(() => api.on('shell.findResult', (next) => setResult(next)), [api]);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.ctrlKey && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        setOpen(true);
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const search = (forward: boolean, findNext: boolean, value = text) => {
    if (value === '') {
      setResult(null);
      void api['shell.stopFind']({ closed: false });
    } else void api['shell.find']({ text: value, forward, findNext });
  };
  const close = () => {
    setOpen(false);
    setResult(null);
    void api['shell.stopFind']({ closed: true });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') close();
    else if (event.key === 'Enter') search(!event.shiftKey, true);
  };

  if (!open) return null;
  return (
    <div className="find-bar" role="search">
      <input
        ref={input}
        type="search"
        aria-label={t('findLabel', { name: appName })}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          search(true, false, event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <span className="find-count" aria-live="polite">
        {result && text ? (result.matches > 0 ? t('findCount', { active: result.activeMatchOrdinal, total: result.matches }) : t('findNone')) : ''}
      </span>
      <button type="button" className="icon-button" aria-label={t('findPrevious')} title={`${t('findPrevious')} (Shift+Enter)`} onClick={() => search(false, true)}>
        <ChevronUp size={18} aria-hidden="true" />
      </button>
      <button type="button" className="icon-button" aria-label={t('findNext')} title={`${t('findNext')} (Enter)`} onClick={() => search(true, true)}>
        <ChevronDown size={18} aria-hidden="true" />
      </button>
      <button type="button" className="icon-button" aria-label={t('findClose')} title={`${t('findClose')} (Esc)`} onClick={close}>
        <X size={18} aria-hidden="true" />
      </button>
    </div>
  );
}
