// IPC channel names shared by the preload and the main process binding.
export const callChannel = 'werkplek:call';
export const eventChannel = (name: string) => `werkplek:event:${name}`;
