// One unread count per chat: while a Werkplek service (the Matrix notifier) counts an app's badge,
// the page title does not override it; when it stops, the title counts again.
import { describe, expect, it } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';

describe('service-counted badges', () => {
  it('keeps the service count over page titles, and yields when the service stops', async () => {
    const core = await createTestCore({ policy: { apps: [{ id: 'chat', name: 'Chat', url: 'https://chat.example.org/', kind: 'chat' }] } });
    const { shell } = core.ctx;
    await core.handlers['shell.reportTitle']({ appId: 'chat', title: '(7) Element' });
    expect(shell.badges.chat).toBe(7);
    shell.serviceCountedApps.add('chat');
    shell.setBadge('chat', 2);
    await core.handlers['shell.reportTitle']({ appId: 'chat', title: '(9) Element' });
    expect(shell.badges.chat).toBe(2);
    shell.serviceCountedApps.clear();
    await core.handlers['shell.reportTitle']({ appId: 'chat', title: '(9) Element' });
    expect(shell.badges.chat).toBe(9);
    await core.close();
  });
});
