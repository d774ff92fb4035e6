// Do-not-disturb: a switch for now, and a weekly schedule (e.g. weekdays 18:00–08:00). While it is
// on, notifications are only listed here, without pop-up or sound.
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context.tsx';
import { useSettings } from '../settings/use-settings.tsx';
import { LockedNote } from '../settings/fields.tsx';

interface Schedule {
  enabled: boolean;
  days: number[];
  start: string;
  end: string;
}

// Monday first, as in the Netherlands; values are JavaScript's getDay() numbers.
const week = [1, 2, 3, 4, 5, 6, 0];

export function DoNotDisturb({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation('matrix');
  const api = useBridge();
  const { view, set, isLocked } = useSettings();
  const schedule = view?.values['matrix.dndSchedule'] as Schedule | undefined;
  const scheduleLocked = isLocked('matrix.dndSchedule');
  const update = (change: Partial<Schedule>) => schedule && void set('matrix.dndSchedule', { ...schedule, ...change });

  return (
    <section aria-labelledby="matrix-dnd-heading" className="matrix-dnd">
      <h3 id="matrix-dnd-heading">{t('dnd.heading')}</h3>
      <label className="matrix-switch">
        <input type="checkbox" role="switch" checked={enabled} disabled={isLocked('matrix.doNotDisturb')}
          onChange={(e) => void api['matrix.setDoNotDisturb']({ enabled: e.target.checked })} />
        {t('dnd.now')}
      </label>
      <LockedNote settingKey="matrix.doNotDisturb" />
      {schedule && (
        <fieldset disabled={scheduleLocked}>
          <legend>{t('dnd.schedule')}</legend>
          <label className="matrix-switch">
            <input type="checkbox" checked={schedule.enabled} onChange={(e) => update({ enabled: e.target.checked })} />
            {t('dnd.scheduleOn')}
          </label>
          <div className="matrix-days" role="group" aria-label={t('dnd.days')}>
            {week.map((day) => (
              <label key={day}>
                <input type="checkbox" checked={schedule.days.includes(day)}
                  onChange={(e) => update({ days: e.target.checked ? [...schedule.days, day].sort() : schedule.days.filter((d) => d !== day) })} />
                {t(`dnd.day${day}`)}
              </label>
            ))}
          </div>
          <div className="matrix-times">
            <label>
              {t('dnd.from')} <input type="time" value={schedule.start} required onChange={(e) => e.target.value && update({ start: e.target.value })} />
            </label>
            <label>
              {t('dnd.until')} <input type="time" value={schedule.end} required onChange={(e) => e.target.value && update({ end: e.target.value })} />
            </label>
          </div>
          <p className="muted">{t('dnd.scheduleHint')}</p>
          <LockedNote settingKey="matrix.dndSchedule" />
        </fieldset>
      )}
    </section>
  );
}
