// The test homeserver's push rules follow the spec ("Push Rules": conditions, default rules, order),
// independently of matrix-js-sdk: these cases pin that reading down, so the integration tests
// compare the SDK's client-side evaluation against a server that is right by itself.
import { describe, expect, it } from 'vitest';
import { defaultRuleset, evaluate, splitKey, type EvalContext } from '../../fixtures/homeserver/push-rules.ts';

const me = '@alice:werkplek.test';
const ctx: EvalContext = { userId: me, displayName: 'Alice', memberCount: 5, senderPowerLevel: 0, roomNotifLevel: 50 };
const message = (body: string, extra: Record<string, unknown> = {}) => ({ type: 'm.room.message', sender: '@bob:werkplek.test', room_id: '!r:werkplek.test', content: { msgtype: 'm.text', body, ...extra } });

describe('spec default push rules on the test homeserver', () => {
  it('a group message notifies without highlight (.m.rule.message)', () => {
    expect(evaluate(defaultRuleset(me), message('hello'), ctx)).toEqual({ notify: true, highlight: false, ruleId: '.m.rule.message' });
  });
  it('a one-to-one room (member count 2) uses .m.rule.room_one_to_one', () => {
    expect(evaluate(defaultRuleset(me), message('hello'), { ...ctx, memberCount: 2 }).ruleId).toBe('.m.rule.room_one_to_one');
  });
  it('intentional mentions: content.m\\.mentions.user_ids contains me', () => {
    expect(evaluate(defaultRuleset(me), message('hi', { 'm.mentions': { user_ids: [me] } }), ctx)).toEqual({ notify: true, highlight: true, ruleId: '.m.rule.is_user_mention' });
  });
  it('display name and user name are matched on word boundaries, case-insensitively', () => {
    expect(evaluate(defaultRuleset(me), message('ask ALICE please'), ctx).ruleId).toBe('.m.rule.contains_display_name');
    expect(evaluate(defaultRuleset(me), message('malice aforethought'), ctx).ruleId).toBe('.m.rule.message');
    expect(evaluate(defaultRuleset(me), message('alice!'), { ...ctx, displayName: 'Ally' }).ruleId).toBe('.m.rule.contains_user_name');
  });
  it('@room needs the sender to have the room notification power level', () => {
    expect(evaluate(defaultRuleset(me), message('@room lunch'), ctx).ruleId).toBe('.m.rule.message');
    expect(evaluate(defaultRuleset(me), message('@room lunch'), { ...ctx, senderPowerLevel: 50 })).toMatchObject({ highlight: true, ruleId: '.m.rule.roomnotif' });
  });
  it('notices, edits, reactions and member events do not notify', () => {
    expect(evaluate(defaultRuleset(me), message('bot', { msgtype: 'm.notice' }), ctx).ruleId).toBe('.m.rule.suppress_notices');
    expect(evaluate(defaultRuleset(me), message('* fixed', { 'm.relates_to': { rel_type: 'm.replace', event_id: '$x' } }), ctx)).toMatchObject({ notify: false, ruleId: '.m.rule.suppress_edits' });
    expect(evaluate(defaultRuleset(me), { type: 'm.reaction', sender: '@bob:x', content: {} }, ctx).notify).toBe(false);
    expect(evaluate(defaultRuleset(me), { type: 'm.room.member', sender: '@bob:x', state_key: '@bob:x', content: { membership: 'join' } }, ctx).notify).toBe(false);
  });
  it('an invite for me notifies', () => {
    expect(evaluate(defaultRuleset(me), { type: 'm.room.member', sender: '@bob:x', state_key: me, content: { membership: 'invite' } }, ctx)).toMatchObject({ notify: true, ruleId: '.m.rule.invite_for_me' });
  });
  it('encrypted events: .m.rule.encrypted_room_one_to_one and .m.rule.encrypted', () => {
    const encrypted = { type: 'm.room.encrypted', sender: '@bob:x', content: { ciphertext: 'x' } };
    expect(evaluate(defaultRuleset(me), encrypted, { ...ctx, memberCount: 2 }).ruleId).toBe('.m.rule.encrypted_room_one_to_one');
    expect(evaluate(defaultRuleset(me), encrypted, ctx)).toEqual({ notify: true, highlight: false, ruleId: '.m.rule.encrypted' });
  });
  it('.m.rule.master, when enabled, silences everything', () => {
    const rules = defaultRuleset(me);
    rules.override[0]!.enabled = true;
    expect(evaluate(rules, message('hi', { 'm.mentions': { user_ids: [me] } }), ctx)).toEqual({ notify: false, highlight: false, ruleId: '.m.rule.master' });
  });
  it("Element's mute (override rule on room_id with no actions) beats mentions; a room rule is checked after content rules", () => {
    const rules = defaultRuleset(me);
    rules.override.splice(1, 0, { rule_id: '!r:werkplek.test', default: false, enabled: true, actions: [], conditions: [{ kind: 'event_match', key: 'room_id', pattern: '!r:werkplek.test' }] });
    expect(evaluate(rules, message('alice', { 'm.mentions': { user_ids: [me] } }), ctx)).toMatchObject({ notify: false, ruleId: '!r:werkplek.test' });
    const roomRule = defaultRuleset(me);
    roomRule.room.push({ rule_id: '!r:werkplek.test', default: false, enabled: true, actions: [] });
    expect(evaluate(roomRule, message('alice here'), ctx).ruleId).toBe('.m.rule.contains_display_name');
    expect(evaluate(roomRule, message('nothing for you'), ctx)).toMatchObject({ notify: false, ruleId: '!r:werkplek.test' });
  });
  it('room_member_count operators and unknown condition kinds', () => {
    const rule = (is: string) => ({ ...defaultRuleset(me), override: [{ rule_id: 'x', default: false, enabled: true, actions: ['notify' as const], conditions: [{ kind: 'room_member_count', is }] }] });
    expect(evaluate(rule('>4'), message('a'), ctx).ruleId).toBe('x');
    expect(evaluate(rule('<5'), message('a'), ctx).ruleId).not.toBe('x');
    expect(evaluate(rule('<=5'), message('a'), ctx).ruleId).toBe('x');
    const unknown = { ...defaultRuleset(me), override: [{ rule_id: 'y', default: false, enabled: true, actions: ['notify' as const], conditions: [{ kind: 'org.example.future' }] }] };
    expect(evaluate(unknown, message('a'), ctx).ruleId).not.toBe('y');
  });
  it('splits dotted keys with the spec escapes', () => {
    expect(splitKey('content.m\\.mentions.user_ids')).toEqual(['content', 'm.mentions', 'user_ids']);
    expect(splitKey('a\\\\.b')).toEqual(['a\\', 'b']);
  });
});
