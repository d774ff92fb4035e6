// The first run, as a panel over the app area (app views are native and would cover a dialog):
// welcome → your organisation (from the policy, or from the configuration it publishes at its
// portal's address) → offline files (the first sign-in at the organisation's sign-in page, in
// Werkplek's sign-in window) → chat notifications (the same sign-in carries over). Every step can
// be skipped and done later in its panel; all of it works by keyboard alone.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context.tsx';
import type { CommandOutput } from '../../../electron/core/bridge/contract.ts';
import { useSettings } from '../settings/use-settings.tsx';
import { SignIn } from '../sync/SignIn.tsx';
import { useSyncState } from '../sync/use-sync-state.ts';
import { MatrixSignIn } from '../matrix/MatrixSignIn.tsx';
import { isSignedIn, useMatrixStatus } from '../matrix/use-matrix.ts';
import './first-run.css';

const STEPS = ['welcome', 'organisation', 'files', 'chat'] as const;
type Step = (typeof STEPS)[number];
type Found = CommandOutput<'organisation.discover'>;

function Organisation({ policyOrganisation }: { policyOrganisation: string | null }) {
  const { t } = useTranslation('firstRun');
  const api = useBridge();
  const [address, setAddress] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [applied, setApplied] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  if (policyOrganisation) return <p>{t('organisation.fromPolicy', { name: policyOrganisation })}</p>;
  const look = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setApplied(null);
    try {
      setFound(await api['organisation.discover']({ address }));
    } finally {
      setBusy(false);
    }
  };
  const apply = async (): Promise<void> => setApplied((await api['organisation.apply']({ address })).applied);
  return (
    <>
      <p>{t('organisation.ask')}</p>
      <form onSubmit={(event) => void look(event)}>
        <label htmlFor="first-run-portal">{t('organisation.address')}</label>
        <input id="first-run-portal" type="text" inputMode="url" autoComplete="url" placeholder="portaal.voorbeeld.nl" value={address} onChange={(event) => setAddress(event.target.value)} />
        <button type="submit" disabled={busy || !address.trim()}>{t('organisation.look')}</button>
      </form>
      {found && !found.ok && <p role="alert" className="error">{t(`organisation.problem.${found.problem ?? 'invalid'}`)}</p>}
      {found?.ok && (
        <div role="status">
          <p>{t('organisation.found', { name: found.organisation })}</p>
          <ul>
            {found.filesServer && <li>{t('organisation.files', { url: found.filesServer })}</li>}
            {found.chatHomeserver && <li>{t('organisation.chat', { url: found.chatHomeserver })}</li>}
            {found.portal && <li>{t('organisation.portal', { url: found.portal })}</li>}
          </ul>
          {applied === null ? <button type="button" onClick={() => void apply()}>{t('organisation.use')}</button> : <p>{t('organisation.applied')}</p>}
        </div>
      )}
    </>
  );
}

export function FirstRun({ info, onDone }: { info: CommandOutput<'app.info'>; onDone(): void }) {
  const { t } = useTranslation('firstRun');
  const { set } = useSettings();
  const sync = useSyncState();
  const matrix = useMatrixStatus();
  const { view } = useSettings();
  const [step, setStep] = useState<Step>('welcome');
  const heading = useRef<HTMLHeadingElement>(null);
  // Each step starts with its heading focused, so a screen reader and the keyboard start there.
  useEffect(() => heading.current?.focus(), [step]);
  const index = STEPS.indexOf(step);
  const finish = (): void => {
    void set('general.firstRunDone', true);
    onDone();
  };
  const next = (): void => (index + 1 < STEPS.length ? setStep(STEPS[index + 1]!) : finish());
  const filesConnected = !!sync && !sync.demo && sync.user !== null && sync.state !== 'not-configured' && sync.state !== 'needs-sign-in';
  return (
    <section className="first-run" aria-labelledby="first-run-heading">
      <p className="first-run-progress">{t('progress', { step: index + 1, total: STEPS.length })}</p>
      <h1 id="first-run-heading" ref={heading} tabIndex={-1}>{t(`${step}.title`)}</h1>
      {step === 'welcome' && (
        <>
          <p>{t('welcome.text')}</p>
          <ul>
            <li>{t('welcome.apps')}</li>
            <li>{t('welcome.files')}</li>
            <li>{t('welcome.chat')}</li>
          </ul>
        </>
      )}
      {step === 'organisation' && <Organisation policyOrganisation={info.organisation} />}
      {step === 'files' && (
        <>
          <p>{t('files.text')}</p>
          {filesConnected ? <p role="status">{t('files.done', { user: sync.user })}</p> : sync && <SignIn state={sync} />}
        </>
      )}
      {step === 'chat' && (
        <>
          <p>{t('chat.text')}</p>
          {isSignedIn(matrix) ? <p role="status">{t('chat.done')}</p> : matrix && <MatrixSignIn status={matrix} user={String(view?.values['matrix.user'] ?? '')} />}
        </>
      )}
      <div className="first-run-actions">
        {index > 0 && <button type="button" onClick={() => setStep(STEPS[index - 1]!)}>{t('back')}</button>}
        <button type="button" className="primary" onClick={next}>{index + 1 < STEPS.length ? t('next') : t('finish')}</button>
        <button type="button" onClick={finish}>{t('skipAll')}</button>
      </div>
      <p className="muted">{t('later')}</p>
    </section>
  );
}
