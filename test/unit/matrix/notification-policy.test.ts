// The notifier's pure decisions: notify or not and why, batches into pop-ups or one summary, DND.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideNotification, isDndActive, planBatch, type DecisionContext, type EventFacts, type SyncPhase } from '../../../electron/core/matrix/notification-policy.ts';

const me = '@me:example.org';
const now = Date.UTC(2026, 10, 23, 12, 0, 0);

function facts(over: Partial<EventFacts> = {}): EventFacts {
  return {
    eventId: '$e1',
    roomId: '!room:example.org',
    roomName: 'Team',
    memberCount: 5,
    sender: '@bob:example.org',
    senderName: 'Bob',
    senderAvatarMxc: null,
    type: 'm.room.message',
    msgtype: 'm.text',
    body: 'hello',
    ts: now,
    e2e: 'none',
    e2eReason: null,
    push: { notify: true, highlight: false, sound: null, ruleId: '.m.rule.message' },
    ...over,
  };
}

const live: DecisionContext = { ownUserId: me, focusedRoomId: null, doNotDisturb: false, phase: 'live', alreadyNotified: false, now };

describe('decideNotification', () => {
  it('notifies a live event the push rules want, and names the rule', () => {
    expect(decideNotification(facts(), live)).toEqual({ notify: true, ruleId: '.m.rule.message' });
  });

  it('notifies in a catch-up sync too', () => {
    expect(decideNotification(facts(), { ...live, phase: 'catch-up' }).notify).toBe(true);
  });

  it.each<[string, Partial<EventFacts>, Partial<DecisionContext>, string]>([
    ['an event already notified', {}, { alreadyNotified: true }, 'duplicate'],
    ['history from the first sync', {}, { phase: 'initial' }, 'initial-sync'],
    ['a replayed cached sync', {}, { phase: 'cache' }, 'cached'],
    ['an own event (any device)', { sender: me }, {}, 'own-event'],
    ['an encrypted event whose room key has not come yet (decided again later)', { type: 'm.room.encrypted', body: null, e2e: 'waiting-for-key', e2eReason: 'no-key' }, {}, 'waiting-for-key'],
    ['an event the push rules do not notify (muted, master, notice)', { push: { notify: false, highlight: false, sound: null, ruleId: '!room:example.org' } }, {}, 'push-rules'],
    ['the room open in the focused chat tab', {}, { focusedRoomId: '!room:example.org' }, 'focused-room'],
    ['do-not-disturb', {}, { doNotDisturb: true }, 'do-not-disturb'],
  ])('does not notify %s', (_name, event, ctx, reason) => {
    const decision = decideNotification(facts(event), { ...live, ...ctx });
    expect(decision).toMatchObject({ notify: false, reason });
  });

  it('a call invite rings only while fresh (10 s)', () => {
    const call = facts({ type: 'm.call.invite', msgtype: null, body: null, push: { notify: true, highlight: false, sound: 'ring', ruleId: '.m.rule.call' } });
    expect(decideNotification({ ...call, ts: now - 5_000 }, live).notify).toBe(true);
    expect(decideNotification({ ...call, ts: now - 11_000 }, live)).toMatchObject({ notify: false, reason: 'stale-call' });
    expect(decideNotification({ ...facts(), ts: now - 3_600_000 }, live).notify).toBe(true); // messages are not dropped for age
  });

  it('a focused other room does not suppress', () => {
    expect(decideNotification(facts(), { ...live, focusedRoomId: '!other:example.org' }).notify).toBe(true);
  });

  it('own events never notify, whatever else holds (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.constantFrom<SyncPhase>('initial', 'cache', 'catch-up', 'live'), fc.boolean(), (notify, dnd, phase, highlight) => {
        const d = decideNotification(facts({ sender: me, push: { notify, highlight, sound: 'default', ruleId: null } }), { ...live, doNotDisturb: dnd, phase });
        expect(d.notify).toBe(false);
      }),
    );
  });

  it('notifies exactly when rules say so, live, not own, not focused, no DND, not seen (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ notify: fc.boolean(), own: fc.boolean(), focused: fc.boolean(), dnd: fc.boolean(), seen: fc.boolean(), phase: fc.constantFrom<SyncPhase>('initial', 'cache', 'catch-up', 'live') }),
        (c) => {
          const d = decideNotification(facts({ sender: c.own ? me : '@x:y', push: { notify: c.notify, highlight: false, sound: null, ruleId: null } }), {
            ownUserId: me,
            focusedRoomId: c.focused ? '!room:example.org' : null,
            doNotDisturb: c.dnd,
            phase: c.phase,
            alreadyNotified: c.seen,
            now,
          });
          const expected = c.notify && !c.own && !c.focused && !c.dnd && !c.seen && (c.phase === 'live' || c.phase === 'catch-up');
          expect(d.notify).toBe(expected);
        },
      ),
    );
  });
});

describe('planBatch', () => {
  const options = { maxIndividual: 3, staleAfterMs: 10 * 60_000, now };

  it('shows up to three fresh events one by one', () => {
    const events = [facts({ eventId: '$1' }), facts({ eventId: '$2' }), facts({ eventId: '$3' })];
    expect(planBatch(events, options)).toEqual({ individual: events, summary: null });
  });

  it('turns a flood into one summary: messages and conversations', () => {
    const events = Array.from({ length: 12 }, (_, i) => facts({ eventId: `$${i}`, roomId: `!r${i % 3}:x` }));
    const plan = planBatch(events, options);
    expect(plan.individual).toEqual([]);
    expect(plan.summary).toMatchObject({ messages: 12, conversations: 3, highlight: false });
  });

  it('counts stale events in a summary and still pops up fresh ones', () => {
    const stale = facts({ eventId: '$old', ts: now - 11 * 60_000, push: { notify: true, highlight: true, sound: null, ruleId: null } });
    const fresh = facts({ eventId: '$new' });
    const plan = planBatch([stale, fresh], options);
    expect(plan.individual).toEqual([fresh]);
    expect(plan.summary).toMatchObject({ messages: 1, conversations: 1, highlight: true, roomIds: ['!room:example.org'] });
  });

  it('a limited timeline (events the sync did not carry) makes a summary that counts them', () => {
    const seen = [facts({ eventId: '$1', roomId: '!a:x' })];
    const plan = planBatch(seen, options, new Map([['!a:x', 19], ['!b:x', 20], ['!muted:x', 0]]));
    expect(plan.individual).toEqual([]);
    expect(plan.summary).toMatchObject({ messages: 40, conversations: 2, roomIds: ['!a:x', '!b:x'] });
  });

  it('no gap and no events: nothing at all', () => {
    expect(planBatch([], options, new Map([['!a:x', 0]]))).toEqual({ individual: [], summary: null });
  });

  it('never more pop-ups than the cap, and every event is shown or counted (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ room: fc.integer({ min: 0, max: 5 }), age: fc.integer({ min: 0, max: 30 * 60_000 }) }), { maxLength: 60 }), (items) => {
        const events = items.map((item, i) => facts({ eventId: `$${i}`, roomId: `!r${item.room}:x`, ts: now - item.age }));
        const plan = planBatch(events, options);
        expect(plan.individual.length).toBeLessThanOrEqual(options.maxIndividual);
        expect(plan.individual.length + (plan.summary?.messages ?? 0)).toBe(events.length);
        const popups = plan.individual.length + (plan.summary ? 1 : 0);
        expect(popups).toBeLessThanOrEqual(options.maxIndividual + 1);
      }),
    );
  });
});

describe('isDndActive', () => {
  const schedule = { enabled: true, days: [1, 2, 3, 4, 5], start: '18:00', end: '08:00' };
  // Local-time dates: 2026-11-23 is a Monday.
  const at = (day: number, hh: number, mm = 0) => new Date(2026, 10, 23 + day, hh, mm);

  it('manual DND is on regardless of schedule', () => {
    expect(isDndActive(true, { ...schedule, enabled: false }, at(0, 12))).toBe(true);
  });
  it('off when the schedule is disabled or has no days', () => {
    expect(isDndActive(false, { ...schedule, enabled: false }, at(0, 20))).toBe(false);
    expect(isDndActive(false, { ...schedule, days: [] }, at(0, 20))).toBe(false);
  });
  it.each([
    ['Monday 17:59', at(0, 17, 59), false],
    ['Monday 18:00', at(0, 18), true],
    ['Monday 23:30', at(0, 23, 30), true],
    ['Tuesday 07:59 (Monday night)', at(1, 7, 59), true],
    ['Tuesday 08:00', at(1, 8), false],
    ['Saturday 02:00 (Friday night)', at(5, 2), true],
    ['Saturday 20:00 (not a scheduled day)', at(5, 20), false],
    ['Monday 03:00 (Sunday night, not scheduled)', at(0, 3), false],
  ])('overnight schedule: %s', (_name, date, expected) => {
    expect(isDndActive(false, schedule, date)).toBe(expected);
  });
  it('a same-day window', () => {
    const lunch = { enabled: true, days: [1], start: '12:00', end: '13:00' };
    expect(isDndActive(false, lunch, at(0, 12, 30))).toBe(true);
    expect(isDndActive(false, lunch, at(0, 13))).toBe(false);
    expect(isDndActive(false, lunch, at(1, 12, 30))).toBe(false);
  });
  it('start equal to end means the whole scheduled day', () => {
    expect(isDndActive(false, { enabled: true, days: [0], start: '00:00', end: '00:00' }, at(6, 15))).toBe(true);
  });
});
