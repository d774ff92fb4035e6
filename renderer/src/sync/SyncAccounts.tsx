// The accounts beyond the first, one block each, and "Add an account" where the policy allows it.
import { AccountBlock } from './AccountBlock.tsx';
import { AddAccount } from './AddAccount.tsx';
import { useSyncAccounts } from './use-sync-accounts.ts';

export function SyncAccounts() {
  const view = useSyncAccounts();
  if (!view) return null;
  return (
    <>
      {view.accounts.map((account) => <AccountBlock key={account.id} account={account} />)}
      {view.allowAdding && <AddAccount />}
    </>
  );
}
